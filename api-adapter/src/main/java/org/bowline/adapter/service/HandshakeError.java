package org.bowline.adapter.service;

/**
 * The server answered the upgrade request, but not with 101 Switching Protocols (it refused it,
 * or its answer breaks RFC 6455). {@link #status()} is the HTTP status, 0 if the answer had none
 * that mattered (a bad {@code Sec-WebSocket-Accept}, say).
 */
public class HandshakeError extends WebSocketError {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HandshakeError(String url, int status, String why, Throwable cause) {
        super("The WebSocket handshake with " + url + " failed" + (status > 0 ? " with HTTP " + status : "")
                + ": " + why, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
