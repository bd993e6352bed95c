package org.bowline.adapter.registry;

import java.io.IOException;

/**
 * What a {@link WebsocketHandler} is called with: the event, its message or error, and the
 * connection it happened on, to reply to ({@link #send(String)}) or {@link #close()}.
 */
public interface WebsocketContext {

    String ON_OPEN = "onopen";
    String ON_MESSAGE = "onmessage";
    String ON_ERROR = "onerror";
    String ON_CLOSE = "onclose";

    /** {@code onopen}, {@code onmessage}, {@code onerror} or {@code onclose}. */
    String getMethod();

    /** The text message for {@code onmessage}; null for the other events. */
    String getMessage();

    /** What went wrong, for {@code onerror}; null for the other events. */
    String getError();

    default boolean isOnOpen() {
        return ON_OPEN.equals(getMethod());
    }

    default boolean isOnMessage() {
        return ON_MESSAGE.equals(getMethod());
    }

    default boolean isOnError() {
        return ON_ERROR.equals(getMethod());
    }

    default boolean isOnClose() {
        return ON_CLOSE.equals(getMethod());
    }

    /** Sends a text message on the connection this event happened on. */
    void send(String text) throws IOException;

    /** Closes the connection this event happened on (1000). */
    void close() throws IOException;
}
