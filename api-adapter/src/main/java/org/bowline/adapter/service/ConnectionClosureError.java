package org.bowline.adapter.service;

/** The connection is closed (or closed while the operation waited); carries the close code and reason. */
public class ConnectionClosureError extends WebSocketError {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String reason;

    public ConnectionClosureError(String connection, int statusCode, String reason) {
        super("Connection " + connection + " is closed with " + statusCode
                + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"));
        this.statusCode = statusCode;
        this.reason = reason == null ? "" : reason;
    }

    public int statusCode() {
        return statusCode;
    }

    public String reason() {
        return reason;
    }
}
