package org.bowline.adapter.registry;

/**
 * How a handler is run for an event. {@value HandlerRegistry#JAVA_ENGINE} (the default, and the
 * one built in) calls the Java handler directly on the connection's event thread.
 */
@FunctionalInterface
public interface HandlerEngine {

    void run(WebsocketHandler handler, WebsocketContext context) throws Exception;
}
