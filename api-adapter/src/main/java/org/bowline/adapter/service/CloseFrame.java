package org.bowline.adapter.service;

/**
 * A close to send: returned from a message callback or passed to {@link Caller#writeMessage}, it
 * closes the connection with this code and reason.
 */
public record CloseFrame(int statusCode, String reason) {

    public static final CloseFrame NORMAL = new CloseFrame(1000, "");

    public CloseFrame {
        reason = reason == null ? "" : reason;
    }
}
