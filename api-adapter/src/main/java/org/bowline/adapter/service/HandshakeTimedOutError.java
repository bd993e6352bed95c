package org.bowline.adapter.service;

import java.time.Duration;

/** Connecting (TCP, TLS and the upgrade's 101) did not complete within the handshake timeout. */
public class HandshakeTimedOutError extends WebSocketError {

    private static final long serialVersionUID = 1L;

    public HandshakeTimedOutError(String url, Duration timeout, Throwable cause) {
        super("Connecting to " + url + " did not complete within the handshake timeout of "
                + timeout.toMillis() + " ms", cause);
    }
}
