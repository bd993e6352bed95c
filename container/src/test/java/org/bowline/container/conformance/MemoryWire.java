package org.bowline.container.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.bowline.container.io.ConnectionHandler;
import org.bowline.container.io.MemoryConnection;
import org.bowline.container.io.WriteCallback;
import org.bowline.container.io.WriteWaterMarks;

/**
 * A {@link Wire} over {@link MemoryConnection}: the test holds one end, Bowline's session runs on the
 * other ({@link #bowlineEnd()}), and every byte reaches Bowline in reads of at most the pair's chunk size,
 * so split-frame parsing is exercised the same way on every run. Unread input is held here up to a window;
 * beyond it this end stops reading, so Bowline's writes queue against its own limits as over TCP.
 */
public final class MemoryWire implements Wire {

    /** Unread bytes past which this end stops taking input (a TCP receive window). */
    private static final int WINDOW = 1024 * 1024;
    /** The most this end reads at a time. */
    private static final int TEST_END_CHUNK = 64 * 1024;

    private final MemoryConnection end;
    private final MemoryConnection bowlineEnd;
    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<byte[]> unread = new ArrayDeque<>();
    private int headOffset;
    private long unreadBytes;
    private boolean suspended;
    private boolean ended;
    private IOException failure;
    private int pendingWrites;
    private boolean shut;
    private int timeoutMillis;

    private final InputStream in = new java.io.BufferedInputStream(new In(), 64 * 1024);
    private final OutputStream out = new Out();

    private MemoryWire(MemoryConnection end, MemoryConnection bowlineEnd, int timeoutMillis) {
        this.end = end;
        this.bowlineEnd = bowlineEnd;
        this.timeoutMillis = timeoutMillis;
        end.setHandler(new Reader());
    }

    /**
     * A connected pair whose Bowline end reads at most {@code chunkSize} bytes at a time (this end reads in
     * up to 64 KiB: how the replies are split tests nothing of Bowline's); Bowline's end has no handler yet.
     */
    public static MemoryWire pair(int chunkSize, int timeoutMillis) {
        MemoryConnection[] pair = MemoryConnection.pair(TEST_END_CHUNK, chunkSize, WriteWaterMarks.DEFAULT);
        return new MemoryWire(pair[0], pair[1], timeoutMillis);
    }

    /** The end Bowline's session (or its handshake) runs on. */
    public MemoryConnection bowlineEnd() {
        return bowlineEnd;
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public void setTimeout(int millis) {
        synchronized (lock) {
            timeoutMillis = millis;
        }
    }

    /**
     * Waits until Bowline's end has taken every byte written so far (the in-memory write completes once
     * the read holding its last byte has been handed over), or the read timeout passed (the reads that
     * follow then judge what happened).
     */
    @Override
    public void settle(long pauseMillis) throws InterruptedException {
        synchronized (lock) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            long left;
            while (pendingWrites > 0 && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /**
     * In memory, ending output closes this end: Bowline sees the end of its input, and its end then closes
     * too. What Bowline sent after this is dropped here instead of read, and reported by the read that sees
     * the end ({@link MemoryConnection#droppedBytes()}), so a case is as strict as over TCP.
     */
    @Override
    public void shutdownOutput() {
        synchronized (lock) {
            shut = true;
        }
        end.close();
    }

    @Override
    public void reset() {
        synchronized (lock) {
            shut = true;
        }
        end.abort();
    }

    @Override
    public int localPort() {
        return end.localAddress().getPort();
    }

    @Override
    public int remotePort() {
        return end.remoteAddress().getPort();
    }

    /** Aborts whatever is still open (both ends, so no delivery thread outlives the case). */
    @Override
    public void close() {
        end.abort();
        bowlineEnd.abort();
    }

    private final class Reader implements ConnectionHandler {
        @Override
        public void onData(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            synchronized (lock) {
                unread.add(bytes);
                unreadBytes += bytes.length;
                if (unreadBytes > WINDOW && !suspended) {
                    suspended = true;
                    end.suspendReading();
                }
                lock.notifyAll();
            }
        }

        @Override
        public void onClosed(IOException cause) {
            synchronized (lock) {
                ended = true;
                failure = cause;
                lock.notifyAll();
            }
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (lock) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (unread.isEmpty() && !ended) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException("nothing read within " + timeoutMillis + " ms");
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while reading");
                    }
                }
                if (unread.isEmpty()) {
                    return endOfInput();
                }
                int n = 0;
                while (n < len && !unread.isEmpty()) {
                    byte[] head = unread.peek();
                    int k = Math.min(len - n, head.length - headOffset);
                    System.arraycopy(head, headOffset, b, off + n, k);
                    n += k;
                    headOffset += k;
                    if (headOffset == head.length) {
                        unread.poll();
                        headOffset = 0;
                    }
                }
                unreadBytes -= n;
                if (suspended && unreadBytes <= WINDOW / 2) {
                    suspended = false;
                    end.resumeReading();
                }
                return n;
            }
        }

        /** Everything was read: the end, a reset, or bytes that came after this side closed. */
        private int endOfInput() throws IOException {
            if (failure != null) {
                throw new SocketException("connection reset: " + failure.getMessage());
            }
            long dropped = end.droppedBytes();
            if (dropped > 0) {
                throw new AssertionError(dropped + " bytes came from Bowline after this side ended its output;"
                        + " over TCP they would have been read here");
            }
            return -1;
        }

        @Override
        public int available() {
            synchronized (lock) {
                return (int) Math.min(Integer.MAX_VALUE, unreadBytes);
            }
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** Copies (callers reuse their arrays) and hands the bytes to Bowline's end as one write. */
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(len).put(b, off, len).flip();
            IOException[] refused = new IOException[1];
            synchronized (lock) {
                pendingWrites++;
            }
            end.write(new ByteBuffer[] {copy}, new WriteCallback() {
                @Override
                public void completed() {
                    done();
                }

                @Override
                public void failed(IOException cause) {
                    refused[0] = cause;
                    done();
                }
            });
            // A refused write fails inside write(). After this side ended its output or reset, a socket
            // throws too; after Bowline closed, TCP takes the bytes and the peer ignores them, and so do we.
            IOException failed;
            boolean thrown;
            synchronized (lock) {
                failed = refused[0];
                thrown = shut || failure != null;
            }
            if (failed != null && thrown) {
                throw new SocketException("write failed: " + failed.getMessage());
            }
        }

        private void done() {
            synchronized (lock) {
                pendingWrites--;
                lock.notifyAll();
            }
        }
    }
}
