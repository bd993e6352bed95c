package org.bowline.container.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two in-memory ends, for session/container tests without sockets. Writes on one end are delivered to the
 * other end's handler (on a single delivery thread per end, preserving order); close propagates. Honours
 * suspendReading/resumeReading and the same contracts as a socket:
 * <ul>
 * <li>bytes arrive in chunks of at most {@code chunkSize} (default 64 KiB) in a fresh-per-end writable buffer;
 * <li>{@link #queuedBytes()} counts what the peer has not consumed yet, so a suspended peer builds backpressure,
 *     and onWritable fires (on the writer's delivery thread) when it drains;
 * <li>{@code close()} lets the peer receive what was written, then the peer sees EOF ({@code onClosed(null)})
 *     and this end closes; input arriving while closing is dropped, as on a socket;
 * <li>{@code abort()} drops everything: the peer sees {@code onClosed} with a "connection reset" IOException.
 * </ul>
 * Delivery threads are named {@code bowline-memory-<n>} and end once their end has reported onClosed.
 */
public final class MemoryConnection extends AbstractConnection {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final int DEFAULT_CHUNK = 64 * 1024;
    private static volatile ScheduledThreadPoolExecutor timer;

    private final int id;
    private final int chunkSize;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private MemoryConnection peer;

    private final Object monitor = new Object();
    // guarded by monitor
    private final ArrayDeque<Entry> inbox = new ArrayDeque<>();
    private Thread thread;
    private boolean suspended;
    private boolean writablePending;
    private ByteBuffer readBuffer;
    private final ArrayList<WriteCallback> completedCallbacks = new ArrayList<>();   // delivery thread only

    private volatile long inboxBytes;   // the peer's queuedBytes()
    private volatile long droppedBytes;   // written by the delivery thread or closeLocal, under monitor

    private MemoryConnection(int id, int chunkSize, WriteWaterMarks marks, int localPort, int remotePort) {
        super(marks);
        this.id = id;
        this.chunkSize = chunkSize;
        this.local = new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort);
        this.remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), remotePort);
    }

    /** Two connected ends with 64 KiB delivery chunks and default water marks. */
    public static MemoryConnection[] pair() {
        return pair(DEFAULT_CHUNK, WriteWaterMarks.DEFAULT);
    }

    /** Two connected ends delivering at most {@code chunkSize} bytes per onData (use 1 to test any chunking). */
    public static MemoryConnection[] pair(int chunkSize, WriteWaterMarks marks) {
        return pair(chunkSize, chunkSize, marks);
    }

    /**
     * Two connected ends, the first reading at most {@code firstChunk} bytes per onData, the second at most
     * {@code secondChunk}: a test can split what the code under test reads without reading its replies a
     * byte at a time too.
     */
    public static MemoryConnection[] pair(int firstChunk, int secondChunk, WriteWaterMarks marks) {
        if (firstChunk < 1 || secondChunk < 1) {
            throw new IllegalArgumentException("chunk size < 1");
        }
        Objects.requireNonNull(marks, "marks");
        int a = IDS.incrementAndGet();
        int b = IDS.incrementAndGet();
        int portA = 1024 + a % 60000;
        int portB = 1024 + b % 60000;
        MemoryConnection x = new MemoryConnection(a, firstChunk, marks, portA, portB);
        MemoryConnection y = new MemoryConnection(b, secondChunk, marks, portB, portA);
        x.peer = y;
        y.peer = x;
        return new MemoryConnection[] {x, y};
    }

    // ---- Connection ------------------------------------------------------------------------------------

    @Override
    protected void startReading() {
        synchronized (monitor) {
            if (thread == null && !state().closed()) {
                thread = new Thread(this::deliveryLoop, "bowline-memory-" + id);
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    @Override
    protected void handlerFailed(IOException cause) {
        abortWith(cause);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        IOException refused = null;
        synchronized (monitor) {
            if (state() != State.OPEN) {
                refused = closedException("connection");
            }
        }
        if (refused == null) {
            refused = peer.receive(new Entry(buffers, callback));
        }
        if (refused != null) {
            Callbacks.failed(callback, refused);
        } else {
            noteQueued(peer.inboxBytes);
        }
    }

    @Override
    public long queuedBytes() {
        return peer.inboxBytes;
    }

    @Override
    public void suspendReading() {
        synchronized (monitor) {
            suspended = true;
        }
    }

    /** Whether reading is suspended now: what the peer writes stays queued ({@link #queuedBytes()} on its end). */
    public boolean isReadingSuspended() {
        synchronized (monitor) {
            return suspended;
        }
    }

    @Override
    public void resumeReading() {
        synchronized (monitor) {
            suspended = false;
            monitor.notifyAll();
        }
    }

    @Override
    public void close() {
        synchronized (monitor) {
            if (!markClosing()) {
                return;
            }
        }
        if (peer.receive(Entry.EOF) != null) {
            closeLocal(null, false);   // the peer is already gone
        }
    }

    @Override
    public void abort() {
        if (closeLocal(null, true)) {
            peer.closeLocal(new IOException("connection reset by peer (in-memory abort)"), false);
        }
    }

    /**
     * Test hook: bytes that reached this end after it began closing and were dropped unread, as a socket
     * drops input after close. Over TCP a peer that only shut its output would still read them, so a test
     * that closes this end to play that peer checks here that nothing came after it should have.
     */
    public long droppedBytes() {
        return droppedBytes;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer().schedule(Callbacks.guarded(task), delay, unit);
    }

    @Override
    public String toString() {
        return "MemoryConnection[" + id + " <-> " + peer.id + "]";
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            synchronized (MemoryConnection.class) {
                t = timer;
                if (t == null) {
                    t = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread th = new Thread(r, "bowline-memory-timer");
                        th.setDaemon(true);
                        return th;
                    });
                    t.setRemoveOnCancelPolicy(true);
                    timer = t;
                }
            }
        }
        return t;
    }

    // ---- internals -------------------------------------------------------------------------------------

    /** Accepts a write (or EOF) from the peer; returns why not, or null. */
    private IOException receive(Entry e) {
        synchronized (monitor) {
            if (state().closed()) {
                return closedException("peer connection");
            }
            inbox.add(e);
            inboxBytes += e.remaining();
            monitor.notifyAll();
            return null;
        }
    }

    /**
     * Closes this end: drops what the peer had queued to it and reports onClosed, inline or (so that it
     * follows the onData in progress) from the delivery thread. Returns false if it was already closed.
     */
    private boolean closeLocal(IOException cause, boolean inline) {
        List<Entry> dropped;
        synchronized (monitor) {
            if (!markClosed(cause)) {
                return false;
            }
            dropped = new ArrayList<>(inbox);
            inbox.clear();
            droppedBytes += inboxBytes;
            inboxBytes = 0;
            monitor.notifyAll();
        }
        IOException failure = Callbacks.closed("connection", cause);
        for (Entry e : dropped) {
            Callbacks.failed(e.callback, failure);
        }
        if (inline) {
            notifyClosed();
        }
        return true;
    }

    private void deliveryLoop() {
        while (true) {
            Entry eof = null;
            boolean reportClose = false;
            boolean fireWritable = false;
            boolean deliver = false;
            ByteBuffer chunk = null;
            synchronized (monitor) {
                while (true) {
                    State s = state();
                    if (s == State.REPORTED) {
                        thread = null;
                        return;
                    }
                    if (s == State.CLOSED) {
                        reportClose = true;   // closed from the peer's side (or inline, racing us: once either way)
                        break;
                    }
                    if (writablePending) {
                        writablePending = false;
                        fireWritable = true;
                        break;
                    }
                    if (!suspended && !inbox.isEmpty()) {
                        if (inbox.peek() == Entry.EOF) {
                            inbox.poll();
                            eof = Entry.EOF;
                            break;
                        }
                        // Like a socket read, one chunk may carry the tail of one write and the head of the next.
                        if (readBuffer == null) {
                            readBuffer = ByteBuffer.allocate(chunkSize);
                        }
                        chunk = readBuffer.clear();
                        int n = 0;
                        Entry e;
                        while (chunk.hasRemaining() && (e = inbox.peek()) != null && e != Entry.EOF) {
                            n += e.copyTo(chunk);
                            if (e.remaining() == 0) {
                                inbox.poll();
                                if (e.callback != null) {
                                    completedCallbacks.add(e.callback);
                                }
                            }
                        }
                        chunk.flip();
                        inboxBytes -= n;
                        deliver = n > 0 && state() == State.OPEN;
                        if (n > 0 && !deliver) {
                            droppedBytes += n;
                        }
                        break;
                    }
                    try {
                        monitor.wait();
                    } catch (InterruptedException ie) {
                        // delivery threads are only stopped by closing; keep the flag for the code that cares
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            if (eof != null) {
                closeLocal(null, true);            // peer EOF: we are closed, and report it here
                peer.closeLocal(null, false);      // the peer's close() has flushed: it is closed too
                continue;
            }
            if (reportClose) {
                notifyClosed();
                continue;
            }
            if (fireWritable) {
                fireWritable();
                continue;
            }
            if (deliver) {
                deliver(chunk);
            }
            for (WriteCallback cb : completedCallbacks) {
                Callbacks.completed(cb);
            }
            completedCallbacks.clear();
            if (peer.drainedTo(inboxBytes)) {
                peer.postWritable();
            }
        }
    }

    private void abortWith(IOException cause) {
        if (closeLocal(cause, true)) {
            peer.closeLocal(new IOException("connection reset by peer (in-memory abort)"), false);
        }
    }

    private void postWritable() {
        synchronized (monitor) {
            if (!state().closed()) {
                writablePending = true;
                monitor.notifyAll();
            }
        }
    }

    /** One write: the caller's buffers, consumed in place; {@link #EOF} marks the writer's close. */
    private static final class Entry {
        static final Entry EOF = new Entry(new ByteBuffer[0], null);

        final ByteBuffer[] buffers;
        final WriteCallback callback;
        int index;

        Entry(ByteBuffer[] buffers, WriteCallback callback) {
            this.buffers = buffers;
            this.callback = callback;
        }

        long remaining() {
            long n = 0;
            for (int i = index; i < buffers.length; i++) {
                n += buffers[i].remaining();
            }
            return n;
        }

        int copyTo(ByteBuffer dst) {
            int copied = 0;
            while (index < buffers.length && dst.hasRemaining()) {
                ByteBuffer src = buffers[index];
                int n = Math.min(src.remaining(), dst.remaining());
                if (n > 0) {
                    ByteBuffer slice = src.duplicate();
                    slice.limit(slice.position() + n);
                    dst.put(slice);
                    src.position(src.position() + n);
                    copied += n;
                }
                if (!src.hasRemaining()) {
                    index++;
                }
            }
            return copied;
        }
    }
}
