package org.bowline.adapter.service;

/**
 * A message was larger than the maximum frame size: the connection was closed with 1009
 * (by this end, for a message received, or by the peer, for one sent).
 */
public class PayloadTooLargeError extends ConnectionClosureError {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeError(String connection, String reason) {
        super(connection, 1009, reason);
    }
}
