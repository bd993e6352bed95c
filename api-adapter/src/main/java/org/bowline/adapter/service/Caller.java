package org.bowline.adapter.service;

import java.time.Duration;

/**
 * The connection a {@link Service} talks back through. A caller may be stored and used from any
 * thread (a broadcast writes to many); writes to one connection never interleave. Writing to a
 * closed connection throws {@link ConnectionClosureError} carrying the close code.
 */
public interface Caller {

    void writeTextMessage(String text);

    void writeBinaryMessage(byte[] data);

    /** Sends a {@code String} as text, {@code byte[]}/{@code ByteBuffer} as binary; a {@link CloseFrame} closes. */
    void writeMessage(Object message);

    void ping(byte[] data);

    void pong(byte[] data);

    /** Closes with 1000 and does not wait for the peer's close. */
    void close();

    void close(int statusCode, String reason);

    /**
     * Closes and waits until the peer's close arrives or {@code timeout} passes.
     *
     * @return true if the peer's close arrived in time
     */
    boolean close(int statusCode, String reason, Duration timeout);

    String getConnectionId();

    /** The subprotocol agreed in the handshake, or null. */
    String getNegotiatedSubProtocol();

    boolean isOpen();

    /** Whether the connection runs over TLS ({@code wss}). */
    boolean isSecure();

    void setAttribute(String name, Object value);

    Object getAttribute(String name);

    Object removeAttribute(String name);
}
