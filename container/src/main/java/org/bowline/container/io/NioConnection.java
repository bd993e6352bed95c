package org.bowline.container.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A socket connection served by one {@link SelectorLoop}. Holds no buffer of its own: reads use the loop's
 * shared buffer, writes keep the caller's buffers until the socket has taken them.
 */
final class NioConnection extends AbstractConnection implements Selectable, Runnable {

    private static final System.Logger LOG = System.getLogger(NioConnection.class.getName());

    /**
     * How long a closing connection keeps reading (and dropping) input after sending its FIN.
     * Closing a socket with unread input makes the kernel send RST, which can destroy our last
     * frames (a close frame with its code) before the peer reads them; draining first avoids it.
     */
    private static final long LINGER_MILLIS = 2_000;

    /** Reads per readiness event before yielding to the loop's other connections. */
    private static final int MAX_READS_PER_EVENT = 16;

    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final NioReactor reactor;
    private final QueueBudget budget;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;

    /*
     * This object's monitor guards queue, queued, writingDirect and the state transitions that go with them;
     * it is never held while calling out, nor over a direct write's system calls (only the loop's flush writes
     * under it). (A monitor rather than a lock object: an idle connection should cost little more than its
     * socket, and nothing outside this class locks a connection.)
     */
    /**
     * Writes the socket did not take at once; null while there are none. Most connections never queue one
     * and the rest rarely many, so the queue is made when a write has to wait, at its smallest size, and
     * dropped once it drains: an idle connection holds none.
     */
    private ArrayDeque<PendingWrite> queue;
    private volatile long queued;
    /**
     * A caller's thread is writing to the socket outside the monitor (see {@link #writeDirect}); writes that
     * come meanwhile queue behind it, and the queue is not flushed until it is done.
     */
    private boolean writingDirect;

    private volatile boolean suspended;
    /** Whether OP_READ is in the interest set as last computed ({@link #updateInterest}); monitor held. */
    private boolean readSelected;
    private boolean lingering;   // loop thread only
    private SelectionKey key;   // loop thread only

    NioConnection(SocketChannel channel, SelectorLoop loop, NioReactor reactor) {
        super(reactor.writeWaterMarks());
        this.channel = channel;
        this.loop = loop;
        this.reactor = reactor;
        this.budget = reactor.queueBudget();
        reactor.connectionOpened();
        this.local = addressOf(true);
        this.remote = addressOf(false);
    }

    private InetSocketAddress addressOf(boolean localSide) {
        try {
            return (InetSocketAddress) (localSide ? channel.getLocalAddress() : channel.getRemoteAddress());
        } catch (IOException e) {
            return null;
        }
    }

    /** Binds this connection to its key; loop thread only. */
    void attach(SelectionKey key) {
        this.key = key;
        key.attach(this);
        updateInterest();
    }

    /**
     * The loop task that recomputes the interest ops (see {@link #updateInterest}): the connection is its
     * own task, rather than holding a method reference for it.
     */
    @Override
    public void run() {
        updateInterest();
    }

    /** Whether OP_READ is selected as last computed: false once input came while reading was suspended. */
    synchronized boolean selectsReading() {
        return readSelected;
    }

    /** Whether no write waits in the queue; monitor held. */
    private boolean nothingQueued() {
        return queue == null || queue.isEmpty();
    }

    // ---- Connection ------------------------------------------------------------------------------------

    @Override
    protected void startReading() {
        loop.run(this);
    }

    @Override
    protected void handlerFailed(IOException cause) {
        closeNow(cause);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        boolean open;
        synchronized (this) {
            open = state() == State.OPEN;
            if (open) {
                if (writingDirect || !nothingQueued()) {
                    // Behind the writes before it: whoever is writing those passes the socket on.
                    enqueue(buffers, callback, false);
                    return;
                }
                writingDirect = true;
            }
        }
        if (open) {
            writeDirect(buffers, callback);
        } else {
            Callbacks.failed(callback, closedException("connection"));
        }
    }

    /**
     * The fast path: straight from the caller's thread, no queue entry, no selector wake-up. The system calls
     * run outside the monitor, so that the I/O thread, when it needs the monitor meanwhile (to change what it
     * selects), does not wait while a big message is copied into the socket: the loop's other connections
     * would wait with it. What the socket does not take is queued first, ahead of anything written meanwhile,
     * and flushed by the loop.
     */
    private void writeDirect(ByteBuffer[] buffers, WriteCallback callback) {
        IOException error = null;
        try {
            GatheringWrites.write(channel, buffers, 0);
        } catch (IOException e) {
            error = e;
        }
        boolean done = false;
        boolean wakeLoop = false;
        boolean linger = false;
        IOException failure = error;
        synchronized (this) {
            writingDirect = false;
            boolean left = Callbacks.hasRemaining(buffers);
            if (state().closed()) {
                if (left && failure == null) {
                    failure = closedException("connection");
                }
                done = !left;
            } else if (error == null) {
                if (left) {
                    enqueue(buffers, callback, true);
                    wakeLoop = true;
                } else {
                    done = true;
                    wakeLoop = !nothingQueued();
                    linger = !wakeLoop && state() == State.CLOSING;
                }
            }
        }
        if (error != null) {
            closeOnLoop(error);
        }
        if (done) {
            Callbacks.completed(callback);
        } else if (failure != null) {
            Callbacks.failed(callback, failure);
        }
        if (wakeLoop) {
            loop.run(this);
        } else if (linger) {
            lingerOnLoop();
        }
    }

    private void enqueue(ByteBuffer[] buffers, WriteCallback callback, boolean first) {
        if (queue == null) {
            queue = new ArrayDeque<>(1);
        }
        PendingWrite w = new PendingWrite(buffers, callback);
        if (first) {
            queue.addFirst(w);
        } else {
            queue.add(w);
        }
        long added = Callbacks.remaining(buffers);
        long q = queued + added;
        queued = q;
        budget.addOutbound(added);
        noteQueued(q);
    }

    @Override
    public long queuedBytes() {
        return queued;
    }

    @Override
    public QueueBudget budget() {
        return budget;
    }

    /**
     * Only marks the connection: the read loop stops at the flag, and OP_READ is dropped when input comes while
     * it is set (see {@link #read}). A suspension that ends before any input comes, such as a handshake's while
     * its session is made, then costs no system call and no loop task.
     */
    @Override
    public void suspendReading() {
        suspended = true;
    }

    @Override
    public void resumeReading() {
        boolean reselect;
        synchronized (this) {
            suspended = false;
            // Still selected: the selector reports input as long as the socket holds some (level-triggered).
            reselect = !readSelected;
        }
        if (reselect) {
            loop.run(this);
        }
    }

    @Override
    public void close() {
        boolean closeNow;
        synchronized (this) {
            if (!markClosing()) {
                return;
            }
            // A direct write in flight lingers (or hands its rest to the queue) when it is done.
            closeNow = nothingQueued() && !writingDirect;
        }
        if (closeNow) {
            lingerOnLoop();
        }
    }

    /**
     * Closes from the loop thread, never from inside the caller's write or close: the caller may hold locks
     * (a session's frame sender) that the handler's onClosed takes, and another thread may hold those in the
     * other order. Inline only when the loop has stopped, which has closed every connection already.
     */
    private void closeOnLoop(IOException cause) {
        if (!loop.execute(() -> closeNow(cause))) {
            closeNow(cause);
        }
    }

    @Override
    public void abort() {
        closeNow(null);
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
        return reactor.schedule(task, delay, unit);
    }

    @Override
    public void runOnNextTick(TickTimer.Task task) {
        reactor.ticks().add(task);
    }

    @Override
    public String toString() {
        return "NioConnection[" + local + " <-> " + remote + "]";
    }

    // ---- Selectable ------------------------------------------------------------------------------------

    @Override
    public void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        int ready = key.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && !state().closed()) {
            read();
        }
    }

    @Override
    public void failed(Throwable cause) {
        closeNow(cause instanceof IOException ? (IOException) cause : new IOException(cause));
    }

    @Override
    public void reactorClosed() {
        closeNow(new IOException("reactor closed"));
    }

    // ---- I/O thread ------------------------------------------------------------------------------------

    private void read() {
        if (suspended) {
            updateInterest();   // input came while suspended: stop selecting it until resumed
            return;
        }
        ByteBuffer buffer = loop.readBuffer();
        for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
            if (suspended || state().closed()) {
                return;
            }
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                closeNow(e);
                return;
            }
            if (n < 0) {
                closeNow(null);
                return;
            }
            if (n == 0) {
                return;
            }
            buffer.flip();
            // While close() flushes, input is read and dropped so a peer blocked on writing cannot stall us.
            if (state() == State.OPEN && !deliver(buffer)) {
                return;
            }
            if (n < buffer.capacity()) {
                return;   // the socket is (very likely) drained; save a read that would return 0
            }
        }
    }

    private void flush() {
        boolean fireWritable = false;
        boolean socketFull = false;
        while (true) {
            WriteCallback completed = null;
            boolean closeAfter = false;
            IOException failure = null;
            synchronized (this) {
                if (state().closed()) {
                    return;
                }
                if (writingDirect) {
                    // Readiness seen before the direct write began; its writer hands the queue back to us.
                    fireWritable |= drainedTo(queued);
                    updateInterest();
                    break;
                }
                PendingWrite w = queue == null ? null : queue.peek();
                if (w == null) {
                    queue = null;   // drained: an idle connection keeps no queue
                    closeAfter = state() == State.CLOSING;
                    fireWritable |= drainedTo(queued);
                    updateInterest();
                } else {
                    if (!w.isDone()) {
                        // One system call for as many queued writes as one gathered write takes; the ones it
                        // finished are then completed below, one pass each, without another call.
                        try {
                            if (socketFull || !writeQueued()) {
                                socketFull = true;
                            }
                        } catch (IOException e) {
                            failure = e;
                        }
                        if (failure == null && !w.isDone()) {
                            fireWritable |= drainedTo(queued);
                            break;   // socket full; OP_WRITE stays selected
                        }
                    }
                    if (failure == null) {
                        queue.poll();
                        completed = w.callback();
                        if (completed == null) {
                            continue;
                        }
                    }
                }
            }
            if (failure != null) {
                closeNow(failure);
                return;
            }
            if (completed != null) {
                Callbacks.completed(completed);
                continue;
            }
            if (closeAfter) {
                linger();
                return;
            }
            break;
        }
        if (fireWritable) {
            fireWritable();
        }
    }

    /**
     * Writes the queue's bytes from its head in one gathered write of up to {@link SelectorLoop#GATHER_BUFFERS}
     * buffers (the loop's array: nothing allocated) and moves every write it finished past its buffers;
     * returns whether everything offered was taken. Loop thread, monitor held.
     */
    private boolean writeQueued() throws IOException {
        ByteBuffer[] gather = loop.gatherBuffers();
        int count = 0;
        long offered = 0;
        for (PendingWrite p : queue) {
            ByteBuffer[] buffers = p.buffers();
            for (int i = p.offset(); i < buffers.length && count < gather.length; i++) {
                gather[count++] = buffers[i];
                offered += buffers[i].remaining();
            }
            if (count == gather.length) {
                break;
            }
        }
        long n;
        try {
            n = GatheringWrites.write(channel, gather, 0, count);
        } finally {
            Arrays.fill(gather, 0, count, null);
        }
        queued -= n;
        budget.addOutbound(-n);
        for (PendingWrite p : queue) {
            p.skipEmpty();
            if (!p.isDone()) {
                break;
            }
        }
        return n == offered;
    }

    /** Recomputes the selected operations from the state; loop thread only. */
    private void updateInterest() {
        SelectionKey k = key;
        if (k == null || !k.isValid()) {
            return;
        }
        int ops = 0;
        synchronized (this) {
            if (!state().closed()) {
                if (handler() != null && !suspended) {
                    ops |= SelectionKey.OP_READ;
                }
                if (!nothingQueued() && !writingDirect) {
                    ops |= SelectionKey.OP_WRITE;
                }
            }
            readSelected = (ops & SelectionKey.OP_READ) != 0;
        }
        try {
            if (k.interestOps() != ops) {
                k.interestOps(ops);
            }
        } catch (CancelledKeyException ignored) {
            // closed meanwhile
        }
    }

    /**
     * Lingers from the loop thread's queue, even when called on it: linger may close at once, and close() and
     * write() are called under the caller's locks, which the handler's onClosed may take (see closeOnLoop).
     */
    private void lingerOnLoop() {
        if (!loop.execute(this::linger)) {
            linger();
        }
    }

    /**
     * Everything queued is written: send FIN, then read and drop what the peer still sends until
     * it closes too or the linger time runs out. Loop thread only.
     */
    private void linger() {
        if (state().closed() || lingering) {
            return;
        }
        lingering = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            closeNow(null);
            return;
        }
        suspended = false;
        updateInterest();
        reactor.schedule(() -> closeNow(null), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Closes at once: fails queued writes, closes the channel, tells the handler. Any thread; idempotent. */
    void closeNow(IOException cause) {
        PendingWrite[] dropped;
        synchronized (this) {
            if (!markClosed(cause)) {
                return;
            }
            reactor.connectionClosed();
            dropped = nothingQueued() ? null : queue.toArray(new PendingWrite[0]);
            queue = null;
            budget.addOutbound(-queued);
            queued = 0;
        }
        // Close the channel on its loop: a channel closed elsewhere keeps its fd until the selector next wakes.
        loop.run(this::closeChannel);
        if (dropped != null) {
            IOException failure = Callbacks.closed("connection", cause);
            for (PendingWrite w : dropped) {
                Callbacks.failed(w.callback(), failure);
            }
        }
        notifyClosed();
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "close failed on " + this, e);
        }
    }
}
