package org.bowline.benchmarks.endpoints;

import jakarta.websocket.Session;

/** The same session settings on every implementation, so none fails the 16 MiB round trip on a default limit. */
public final class Limits {

    /** Above the largest message of any scenario (16 MiB). */
    public static final int MAX_MESSAGE = 32 * 1024 * 1024;

    private Limits() {
    }

    static void raise(Session session) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
        session.setMaxIdleTimeout(0);
    }
}
