package org.bowline.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The load generator: plain NIO on the calling thread, independent of every implementation it
 * measures. It opens WebSocket connections (a fixed handshake request, no extensions), sends
 * pre-masked frames (read-only duplicates of {@link Frames}) and counts the messages that come back,
 * telling its {@link MessageListener}. Latency-sensitive scenarios {@link #spin} on selectNow so a
 * wake-up does not add to what they measure.
 */
final class LoadClient implements AutoCloseable {

    /** Called on the loop thread for every whole data message a connection receives. */
    interface MessageListener {
        void onMessage(Conn conn, long nanoTime) throws IOException;
    }

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final Selector selector;
    private final InetSocketAddress server;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 20);
    private final List<Conn> connections = new ArrayList<>();
    /** Close code 1000, masked. */
    private static final ByteBuffer CLOSE_FRAME = Frames.frame(0x8, new byte[] {0x03, (byte) 0xE8});
    private static final long CLOSE_TIMEOUT_MILLIS = 10_000;

    private MessageListener listener = (conn, time) -> { };
    private boolean spin;
    private boolean closing;

    /** The upgrade request every connection of the load generator sends, for {@code path} on {@code server}. */
    static byte[] upgradeRequest(InetSocketAddress server, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    LoadClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.selector = Selector.open();
    }

    void listener(MessageListener listener) {
        this.listener = listener;
    }

    /** Busy-polls instead of blocking in select (the loop's core is the load generator's alone). */
    void spin(boolean spin) {
        this.spin = spin;
    }

    /** One WebSocket connection. */
    final class Conn {
        final int index;
        final SocketChannel channel;
        final LongRing sent = new LongRing(16);
        final InboundFrames frames = new InboundFrames();
        private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        private final ByteBuffer[] gather = new ByteBuffer[64];
        private SelectionKey key;
        private ByteBuffer handshakeOut;
        private ByteBuffer handshakeIn = ByteBuffer.allocate(2048);
        boolean open;
        /** Inside {@link #onReadable}: replies queue and leave in one write when the burst is read. */
        private boolean reading;
        /** The server answered our close frame, or ended the connection, during {@link #closeAll()}. */
        boolean closed;
        long received;

        Conn(int index, SocketChannel channel, String path) {
            this.index = index;
            this.channel = channel;
            this.handshakeOut = ByteBuffer.wrap(upgradeRequest(server, path));
        }

        /**
         * Queues a frame (a duplicate of a shared pre-masked frame) and writes what the socket takes now,
         * or, when called for a message of the burst being read, once that burst is read: one gathered
         * write per burst, so the generator's own syscalls do not cap what it can measure.
         */
        void send(ByteBuffer frame) throws IOException {
            out.add(frame);
            if (out.size() == 1 && !reading) {
                flush();
            }
        }

        private void flush() throws IOException {
            while (!out.isEmpty()) {
                int n = 0;
                for (ByteBuffer b : out) {
                    gather[n++] = b;
                    if (n == gather.length) {
                        break;
                    }
                }
                channel.write(gather, 0, n);
                Arrays.fill(gather, 0, n, null);
                while (!out.isEmpty() && !out.peek().hasRemaining()) {
                    out.poll();
                }
                if (!out.isEmpty()) {
                    // The socket took less than offered (or more than one gather is queued): OP_WRITE resumes.
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
            }
            if (key.interestOps() != SelectionKey.OP_READ) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void onConnectable() throws IOException {
            channel.finishConnect();
            channel.write(handshakeOut);
            if (handshakeOut.hasRemaining()) {
                throw new IOException("the handshake request did not fit the socket buffer");
            }
            key.interestOps(SelectionKey.OP_READ);
        }

        private void onReadable(long now) throws IOException {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                if (closing) {
                    closed = true;
                    key.cancel();
                    return;
                }
                throw new IOException("the server closed connection " + index);
            }
            readBuffer.flip();
            if (!open) {
                readHandshake();
            }
            if (open && readBuffer.hasRemaining()) {
                int messages = frames.feed(readBuffer);
                boolean waitingForWritable = !out.isEmpty();
                reading = true;
                try {
                    for (int i = 0; i < messages; i++) {
                        received++;
                        listener.onMessage(this, now);
                    }
                } finally {
                    reading = false;
                }
                if (!waitingForWritable && !out.isEmpty()) {
                    flush();
                }
                if (frames.closeReceived()) {
                    if (!closing) {
                        throw new IOException("the server closed connection " + index + " (close frame)");
                    }
                    closed = true;
                }
            }
        }

        private void readHandshake() throws IOException {
            while (readBuffer.hasRemaining() && handshakeIn.hasRemaining()) {
                handshakeIn.put(readBuffer.get());
                int p = handshakeIn.position();
                if (p >= 4 && endsWith(handshakeIn, p)) {
                    String head = new String(handshakeIn.array(), 0, p, StandardCharsets.ISO_8859_1);
                    if (!head.startsWith("HTTP/1.1 101")) {
                        throw new IOException("connection " + index + " was refused: " + head.lines().findFirst().orElse(""));
                    }
                    open = true;
                    handshakeIn = null;
                    return;
                }
            }
            if (handshakeIn.position() == handshakeIn.capacity()) {
                throw new IOException("handshake response head longer than 2 KiB");
            }
        }

        /** Closes with RST (SO_LINGER 0): thousands of closed connections must not use up ports in TIME_WAIT. */
        void abort() {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private static boolean endsWith(ByteBuffer b, int p) {
        byte[] a = b.array();
        for (int i = 0; i < 4; i++) {
            if (a[p - 4 + i] != HEAD_END[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opens {@code count} connections to {@code path}, at most {@code concurrency} handshakes at a
     * time, and returns them once every one is open. Fails if one is refused or the time runs out.
     */
    List<Conn> open(int count, String path, int concurrency, long timeoutMillis) throws IOException {
        List<Conn> opened = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int base = openSeen;
        while (true) {
            int openCount = openSeen - base;
            while (opened.size() < count && opened.size() - openCount < concurrency) {
                opened.add(connect(opened.size(), path));
            }
            if (openCount == count) {
                return opened;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("only " + openCount + " of " + count + " connections to " + path + " opened in "
                        + timeoutMillis + " ms");
            }
            poll(1);
        }
    }

    /** Connections whose handshake completed since the last {@link #closeAll()}. */
    private int openSeen;

    private Conn connect(int index, String path) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Conn conn = new Conn(index, channel, path);
        conn.key = channel.register(selector, SelectionKey.OP_CONNECT, conn);
        connections.add(conn);
        if (channel.connect(server)) {
            conn.onConnectable();
        }
        return conn;
    }

    /** Runs the loop until {@code done} says so or the deadline passes; returns whether done. */
    boolean runUntil(BooleanSupplier done, long deadlineNanos) throws IOException {
        return runUntil(done, deadlineNanos, null);
    }

    /** As {@link #runUntil(BooleanSupplier, long)}, calling {@code beforePoll} before every poll (the pacer). */
    boolean runUntil(BooleanSupplier done, long deadlineNanos, Pacer beforePoll) throws IOException {
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                return false;
            }
            if (beforePoll != null) {
                beforePoll.tick(now);
            }
            poll(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - now)));
        }
        return true;
    }

    /** Sends what is due by {@code now}. */
    interface Pacer {
        void tick(long now) throws IOException;
    }

    private void poll(long maxWaitMillis) throws IOException {
        int ready = spin ? selector.selectNow() : selector.select(Math.min(maxWaitMillis, 100));
        if (ready == 0) {
            return;
        }
        long now = System.nanoTime();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Conn conn = (Conn) key.attachment();
            if (!key.isValid()) {
                continue;
            }
            try {
                if (key.isConnectable()) {
                    conn.onConnectable();
                    continue;
                }
                if (key.isWritable()) {
                    conn.flush();
                }
                if (key.isValid() && key.isReadable()) {
                    boolean wasOpen = conn.open;
                    conn.onReadable(now);
                    if (!wasOpen && conn.open) {
                        openSeen++;
                    }
                }
            } catch (IOException e) {
                if (!closing) {
                    throw e;
                }
                conn.closed = true;   // a reset while closing is an end too
                key.cancel();
            }
        }
    }

    /**
     * Ends every connection the way a client should: a close frame, then reading (and discarding)
     * until the server's close frame or end of stream, at most {@code CLOSE_TIMEOUT_MILLIS}; then
     * the socket is reset. Messages still in flight are drained on the way, so no server is left
     * blocked sending to a peer that vanished (which would bill the next scenario).
     */
    void closeAll() {
        closing = true;
        listener = (conn, time) -> { };
        try {
            for (Conn conn : connections) {
                if (conn.open && conn.channel.isOpen()) {
                    conn.send(CLOSE_FRAME.duplicate());
                } else {
                    conn.closed = true;
                }
            }
            runUntil(() -> connections.stream().allMatch(c -> c.closed),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS));
        } catch (IOException e) {
            // the resets below end whatever is left
        }
        for (Conn conn : connections) {
            conn.abort();
        }
        connections.clear();
        openSeen = 0;
        closing = false;
        try {
            selector.selectNow();   // lets the selector drop the cancelled keys
        } catch (IOException e) {
            // nothing left to drop
        }
    }

    @Override
    public void close() throws IOException {
        closeAll();
        selector.close();
    }
}
