package org.bowline.adapter.blocking;

/**
 * What runs for one connection: straight-line code that receives and sends on {@code ws}. When it
 * returns the connection is closed with 1000; when it throws, with 1011.
 */
@FunctionalInterface
public interface Handler {

    void handle(WebSocket ws) throws Exception;
}
