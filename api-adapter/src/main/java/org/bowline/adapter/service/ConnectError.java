package org.bowline.adapter.service;

/** No connection could be made: the host is unknown, or refused or dropped the TCP connection. */
public class ConnectError extends WebSocketError {

    private static final long serialVersionUID = 1L;

    public ConnectError(String url, String why, Throwable cause) {
        super("Cannot connect to " + url + ": " + why, cause);
    }
}
