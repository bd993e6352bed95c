package org.bowline.benchmarks.endpoints;

import jakarta.websocket.Session;

/**
 * The same session settings on every implementation, sized per endpoint: some implementations
 * (Tomcat) allocate a session's message buffer at its maximum size, so only the endpoint that takes
 * 16 MiB messages may ask for that much.
 */
public final class Limits {

    /** Above the largest echo message (64 KiB). */
    public static final int ECHO_MESSAGE = 128 * 1024;
    /** Above the 16 MiB round trip. */
    public static final int BIG_MESSAGE = 32 * 1024 * 1024;

    private Limits() {
    }

    static void raise(Session session, int maxMessage) {
        session.setMaxTextMessageBufferSize(maxMessage);
        session.setMaxBinaryMessageBufferSize(maxMessage);
        session.setMaxIdleTimeout(0);
    }
}
