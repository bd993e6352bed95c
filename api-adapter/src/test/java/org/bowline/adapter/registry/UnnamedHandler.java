package org.bowline.adapter.registry;

/** Listed as a handler by one test's class loader, but without its @HandlerName. */
public class UnnamedHandler implements WebsocketHandler {

    @Override
    public void handle(WebsocketContext context) {
    }
}
