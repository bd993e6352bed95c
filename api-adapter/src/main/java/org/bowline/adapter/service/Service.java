package org.bowline.adapter.service;

/**
 * What serves one WebSocket connection (returned by an {@link UpgradeService} on the server, or
 * given to an {@code AsyncClient}). Every callback is optional. Callbacks of one connection run
 * one at a time, in the order their frames arrived, never on an I/O thread.
 *
 * <p>A value returned from {@link #onTextMessage} or {@link #onBinaryMessage} is sent back: a
 * {@code String} as text, a {@code byte[]} or {@code ByteBuffer} as binary, a {@link CloseFrame}
 * closes the connection with its code and reason; {@code null} sends nothing. An exception thrown
 * by a callback reaches {@link #onError} and closes that connection with 1011.
 */
public interface Service {

    default void onOpen(Caller caller) {
    }

    default Object onTextMessage(Caller caller, String text) {
        return null;
    }

    default Object onBinaryMessage(Caller caller, byte[] data) {
        return null;
    }

    /** Answers with a pong carrying the same data; a service that overrides it answers itself (or not). */
    default void onPing(Caller caller, byte[] data) {
        caller.pong(data);
    }

    default void onPong(Caller caller, byte[] data) {
    }

    /** The connection was idle for the configured idle timeout; it stays open unless this closes it. */
    default void onIdleTimeout(Caller caller) {
    }

    default void onClose(Caller caller, int statusCode, String reason) {
    }

    default void onError(Caller caller, Throwable error) {
    }
}
