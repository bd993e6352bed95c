package org.bowline.examples;

import org.bowline.adapter.registry.HandlerName;
import org.bowline.adapter.registry.WebsocketContext;
import org.bowline.adapter.registry.WebsocketHandler;

/**
 * The handler of the {@code registry} scenario's {@code my-endpoint.websocket}: prints each event on
 * standard output as one line {@code <method> <message or error>} ({@code onopen},
 * {@code onmessage hello}, {@code onclose}) and answers every message with {@code Echo: <message>}.
 */
@HandlerName("my-project/ws-handler")
public final class EchoWebsocketHandler implements WebsocketHandler {

    @Override
    public void handle(WebsocketContext context) throws Exception {
        String detail = context.isOnMessage() ? context.getMessage() : context.isOnError() ? context.getError() : null;
        String line = detail == null ? context.getMethod() : context.getMethod() + " " + detail;
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
        if (context.isOnMessage()) {
            context.send("Echo: " + context.getMessage());
        }
    }
}
