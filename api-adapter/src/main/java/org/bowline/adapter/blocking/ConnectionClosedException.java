package org.bowline.adapter.blocking;

/**
 * The connection is closed: thrown by {@link WebSocket#receive()} once the messages that arrived
 * before the close have been received, by a send on a closed connection, and by iteration when the
 * close was not a normal one. Carries the close code and reason (1006 when no close frame was
 * exchanged, 1005 when the peer's close frame had no code).
 */
public final class ConnectionClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    public ConnectionClosedException(int code, String reason) {
        this(code, reason, null);
    }

    public ConnectionClosedException(int code, String reason, Throwable cause) {
        super("The WebSocket connection is closed: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason), cause);
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /** The close code: the one received, the one sent, or 1006 when the connection just ended. */
    public int code() {
        return code;
    }

    /** The close reason, empty when there was none. */
    public String reason() {
        return reason;
    }

    /** 1000 (normal), 1001 (going away) and 1005 (no status) end an iteration quietly. */
    public boolean isNormal() {
        return code == 1000 || code == 1001 || code == 1005;
    }
}
