package org.bowline.container.handshake;

import java.io.IOException;

/** The opening handshake did not succeed; the message says why in words a user can act on. */
public final class HandshakeFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String location;

    /** A failure that is not about a response status (no response, or none read yet). */
    public HandshakeFailedException(String message) {
        this(message, 0, null);
    }

    /** A failure about a response with the given status. */
    public HandshakeFailedException(String message, int status) {
        this(message, status, null);
    }

    /** A failure about a response with the given status and, for a redirect, its Location. */
    public HandshakeFailedException(String message, int status, String location) {
        super(message);
        this.status = status;
        this.location = location;
    }

    /** The HTTP status of the response that failed the handshake, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** The Location of a redirect response (redirects are not followed), or null. */
    public String location() {
        return location;
    }
}
