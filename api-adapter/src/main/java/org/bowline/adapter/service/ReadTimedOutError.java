package org.bowline.adapter.service;

import java.time.Duration;

/** No message arrived within the read timeout. The connection is still usable: read again. */
public class ReadTimedOutError extends WebSocketError {

    private static final long serialVersionUID = 1L;

    public ReadTimedOutError(String url, Duration timeout) {
        super("No message from " + url + " within the read timeout of " + timeout.toMillis() + " ms");
    }
}
