package org.bowline.container.handshake;

/**
 * An HTTP head could not be parsed. {@link #status()} is the status a server should answer with:
 * 400 (malformed), 431 (head larger than allowed) or 505 (unsupported version).
 */
public final class HttpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpParseException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status code that describes the failure. */
    public int status() {
        return status;
    }
}
