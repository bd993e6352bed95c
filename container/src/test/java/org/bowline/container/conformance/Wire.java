package org.bowline.container.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The test's end of one connection as two byte streams, whatever carries them: a TCP socket
 * ({@link SocketWire}) or one end of an in-memory pair whose other end Bowline reads in set chunk
 * sizes ({@link MemoryWire}). The conformance peers ({@code WireClient}, {@code WireServer}) speak
 * RFC 6455 over it byte by byte, so the same cases and verdicts run over either.
 */
public interface Wire extends AutoCloseable {

    /** What Bowline sent; a read that waits longer than {@link #setTimeout} throws {@link java.net.SocketTimeoutException}. */
    InputStream in();

    /** Towards Bowline. */
    OutputStream out();

    void setTimeout(int millis) throws IOException;

    /**
     * After a write, lets what was written so far reach Bowline by itself, so that the next write
     * lands in a later read: over TCP by pausing {@code pauseMillis} (when positive), in memory by
     * waiting until Bowline's end has taken every byte (deterministic; no pause needed).
     */
    void settle(long pauseMillis) throws InterruptedException;

    /** Ends this side's output (a TCP FIN): Bowline sees the end of its input; reading goes on. */
    void shutdownOutput() throws IOException;

    /** Drops the connection at once (a TCP reset): Bowline sees it fail, not end. */
    void reset() throws IOException;

    /** The port this end is bound to, as Bowline's Host header names it when Bowline is the client. */
    int localPort();

    /** The port of Bowline's end, as this side's Host header names it when Bowline is the server. */
    int remotePort();

    @Override
    void close() throws IOException;
}
