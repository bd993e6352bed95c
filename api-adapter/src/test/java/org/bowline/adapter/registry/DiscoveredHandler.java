package org.bowline.adapter.registry;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A handler found through ServiceLoader (listed in the test resources' service file). */
@HandlerName("test/discovered")
public class DiscoveredHandler implements WebsocketHandler {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    @Override
    public void handle(WebsocketContext context) throws Exception {
        EVENTS.add(context.toString());
        if (context.isOnMessage()) {
            context.send("discovered: " + context.getMessage());
        }
    }
}
