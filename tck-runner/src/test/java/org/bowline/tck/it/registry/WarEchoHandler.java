package org.bowline.tck.it.registry;

import org.bowline.adapter.registry.HandlerName;
import org.bowline.adapter.registry.WebsocketContext;
import org.bowline.adapter.registry.WebsocketHandler;

/** The WAR's handler, found through its META-INF/services file. */
@HandlerName("war/echo")
public class WarEchoHandler implements WebsocketHandler {

    @Override
    public void handle(WebsocketContext context) throws Exception {
        if (context.isOnOpen()) {
            context.send("opened");
        } else if (context.isOnMessage()) {
            context.send("war: " + context.getMessage());
        }
    }
}
