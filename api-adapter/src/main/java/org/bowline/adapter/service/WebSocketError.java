package org.bowline.adapter.service;

/**
 * The root of the service model's errors. Each message names the URL or connection it is about.
 * They are unchecked, as the model's callbacks and {@link Caller} methods declare none.
 */
public class WebSocketError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WebSocketError(String message) {
        super(message);
    }

    public WebSocketError(String message, Throwable cause) {
        super(message, cause);
    }
}
