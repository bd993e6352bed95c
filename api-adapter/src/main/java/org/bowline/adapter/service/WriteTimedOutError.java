package org.bowline.adapter.service;

import java.time.Duration;

/** A write did not complete within the write timeout (the peer does not read fast enough). */
public class WriteTimedOutError extends WebSocketError {

    private static final long serialVersionUID = 1L;

    public WriteTimedOutError(String url, Duration timeout) {
        super("Writing to " + url + " did not complete within the write timeout of " + timeout.toMillis() + " ms");
    }
}
