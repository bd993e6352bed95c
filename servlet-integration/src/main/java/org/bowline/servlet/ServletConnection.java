package org.bowline.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;

import org.bowline.container.io.AbstractConnection;
import org.bowline.container.io.Callbacks;
import org.bowline.container.io.CancelledFuture;
import org.bowline.container.io.Connection;
import org.bowline.container.io.PendingWrite;
import org.bowline.container.io.QueueBudget;
import org.bowline.container.io.TickTimer;
import org.bowline.container.io.WriteCallback;
import org.bowline.container.io.WriteWaterMarks;

/**
 * An upgraded servlet connection as the engine's {@link Connection}: the non-blocking
 * {@link ServletInputStream} and {@link ServletOutputStream} of a {@link WebConnection} driven by
 * their {@link ReadListener} and {@link WriteListener}.
 *
 * <p>Servlet streams may be used from any thread but never by two at once, and a listener is only
 * called back after {@code isReady()} returned false. So each direction has one "pump" that at most
 * one thread runs at a time (a container callback, a writer, or whoever resumed reading), plus a
 * signal flag that makes the running pump go round once more when another thread had something for
 * it. Reads stop without waiting for {@code isReady()} to turn false when the engine suspends
 * reading; resuming then pumps again on a timer thread, since no callback will come, except on Tomcat
 * and Undertow, which are asked to call {@code onDataAvailable} again (see {@link ReadDispatch}).
 * Tomcat also keeps calling {@code onDataAvailable} while reading is suspended and the peer keeps
 * sending, whatever the listener does; there the paused callback asks Tomcat to stop
 * ({@link TomcatReadEvents#holdAfterThisEvent}).
 *
 * <p>A write's bytes are handed to the servlet stream whole (a non-blocking stream accepts every
 * write while {@code isReady()} is true) and its callback completes once {@code isReady()} is true
 * again: only then has the container finished with the array it was given.
 */
final class ServletConnection extends AbstractConnection {

    private static final System.Logger LOG = System.getLogger(ServletConnection.class.getName());

    /** How long close() waits for queued bytes to reach a peer that stopped reading, before aborting. */
    private static final long CLOSE_FLUSH_MILLIS = 30_000;

    /** Heap buffers from this size on are handed to the container as they are; smaller ones are copied together. */
    private static final int IN_PLACE_BYTES = 4096;

    private final UpgradedSocket socket;
    private final TomcatReadEvents tomcatReads;
    private final ReadDispatch readDispatch;
    private final ServletInputStream in;
    private final ServletOutputStream out;
    private final boolean wholeArraysOnly;
    private volatile ScheduledExecutorService scheduler;
    private volatile TickTimer ticks;
    private volatile OpenConnections registry;
    private volatile QueueBudget budget = QueueBudget.NONE;

    private volatile ConnectionFacts facts = ConnectionFacts.UNKNOWN;

    // ---- read side
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile boolean readSignal;
    /**
     * The container called onDataAvailable and isReady() has not returned false since. Reading
     * starts only then: a container may still show the request's (finished) body from inside init.
     */
    private volatile boolean dataAvailable;
    private volatile boolean suspended;

    // ---- write side: guarded by lock, never held while calling out of this class
    private final Object lock = new Object();
    private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>();
    private final ArrayDeque<WriteCallback> handedOver = new ArrayDeque<>();
    private volatile long queued;
    private boolean writing;
    private boolean writeSignal;
    private boolean needsFlush;
    private byte[] scratch;   // pump thread only: copies of small or direct buffers, kept while the container may hold it
    private final ArrayList<PendingWrite> batch = new ArrayList<>();   // pump thread only, empty between writes

    ServletConnection(WebConnection web) throws IOException {
        this(web, null, null);
    }

    /**
     * With {@code readDispatch} instead of the container's own (null: the container's), reading and writing
     * through what {@code hostStreams} makes of the container's streams (null: those streams).
     */
    ServletConnection(WebConnection web, ReadDispatch readDispatch, UpgradedStreams hostStreams) throws IOException {
        super(WriteWaterMarks.DEFAULT);
        this.socket = UpgradedSocket.of(web);
        this.tomcatReads = socket.tomcatReadEvents();
        this.in = hostStreams == null ? web.getInputStream() : hostStreams.in(web.getInputStream());
        this.out = hostStreams == null ? web.getOutputStream() : hostStreams.out(web.getOutputStream());
        this.wholeArraysOnly = writesWholeArrays(out);
        this.readDispatch = readDispatch != null ? readDispatch : readDispatchOf(in, tomcatReads);
    }

    /** Registers the stream listeners; call from HttpUpgradeHandler.init, as the Servlet spec requires. */
    void listen() {
        // The write listener first: some containers reject isReady() on an output stream without one.
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                pumpWrites(false);
            }

            @Override
            public void onError(Throwable t) {
                closeNow(asIOException(t));
            }
        });
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() {
                dataAvailable = true;
                pumpReads();
                // Paused before this callback or during its reads: on Tomcat, no more callbacks until resumed.
                if (suspended) {
                    holdReadEvents();
                }
            }

            @Override
            public void onAllDataRead() {
                closeNow(null);
            }

            @Override
            public void onError(Throwable t) {
                closeNow(asIOException(t));
            }
        });
    }

    /** What only the handshake knew; set before the session starts, as nothing schedules before that. */
    void describe(ConnectionFacts facts, ScheduledExecutorService timers, TickTimer ticks, OpenConnections registry,
                  QueueBudget budget) {
        this.facts = facts;
        this.ticks = ticks;
        this.budget = budget;
        this.scheduler = timers;
        this.registry = registry;
    }

    // ---- Connection -----------------------------------------------------------------------------------

    @Override
    protected void startReading() {
        pumpReads();
    }

    @Override
    protected void handlerFailed(IOException cause) {
        closeNow(cause);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        IOException failure = null;
        long added = 0;
        synchronized (lock) {
            if (state() != State.OPEN) {
                failure = closed();
            } else {
                PendingWrite w = new PendingWrite(buffers, callback);
                if (w.isDone()) {
                    handedOver.add(callback == null ? NO_CALLBACK : callback);
                } else {
                    queue.add(w);
                    added = w.remaining();
                    queued += added;
                    noteQueued(queued);
                }
            }
        }
        if (failure != null) {
            Callbacks.failed(callback, failure);
            return;
        }
        budget.addOutbound(added);
        pumpWrites(true);
    }

    @Override
    public long queuedBytes() {
        return queued;
    }

    @Override
    public QueueBudget budget() {
        return budget;
    }

    @Override
    public void suspendReading() {
        suspended = true;
    }

    @Override
    public void resumeReading() {
        suspended = false;
        // After suspended is cleared: a paused callback that set the hold later sees it and undoes it itself.
        tomcatReads.release();
        // Where the container must do the reading (Tomcat, Undertow), it is asked to; elsewhere no callback would
        // come, and this caller may hold locks onData takes (see Connection#resumeReading): a timer thread reads.
        if (!readDispatch.dispatchRead()) {
            onTimerThread(this::pumpReads);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!markClosing()) {
                return;
            }
        }
        schedule(() -> {
            if (state() == State.CLOSING) {
                LOG.log(Level.DEBUG, "{0}: queued bytes not written within {1} ms of close; aborting", this,
                        CLOSE_FLUSH_MILLIS);
                closeNow(new IOException("close timed out flushing"));
            }
        }, CLOSE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        pumpWrites(false);
    }

    @Override
    public void abort() {
        closeNow(null);
    }

    @Override
    public boolean isSecure() {
        return facts.secure();
    }

    @Override
    public InetSocketAddress localAddress() {
        return facts.local();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return facts.remote();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        ScheduledExecutorService timers = scheduler;
        if (timers == null) {
            throw new IllegalStateException(this + " has no timers before its session starts");
        }
        try {
            return timers.schedule(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.log(Level.WARNING, "timer task of " + this + " threw", t);
                }
            }, delay, unit);
        } catch (RejectedExecutionException e) {
            // The web application has stopped; its connections are going away with it.
            return CancelledFuture.INSTANCE;
        }
    }

    /** On the web application's shared tick, as a reactor's connections share theirs: no scheduled task per held burst. */
    @Override
    public void runOnNextTick(TickTimer.Task task) {
        TickTimer t = ticks;
        if (t == null) {
            throw new IllegalStateException(this + " has no timers before its session starts");
        }
        t.add(task);
    }

    @Override
    public String toString() {
        return "ServletConnection[" + facts.local() + " <-> " + facts.remote() + "]";
    }

    // ---- reading --------------------------------------------------------------------------------------

    /**
     * The end of a container read callback while the engine does not want input: on Tomcat, which would
     * call again at once for as long as the peer keeps sending, no more callbacks until resumeReading asks
     * for one. The hold is set before suspended is read again, and resumeReading clears suspended before
     * the hold (both volatile), so a resume racing with this callback either clears the hold after it was
     * set or is seen here; then the hold is undone and the callback reads on.
     */
    private void holdReadEvents() {
        if (tomcatReads.holdAfterThisEvent() && !suspended) {
            tomcatReads.release();
            pumpReads();
        }
    }

    private boolean mayRead() {
        return dataAvailable && handler() != null && !suspended && !state().closed();
    }

    /** Reads while the stream has data and the engine wants it; any thread, one at a time. */
    private void pumpReads() {
        readSignal = true;
        while (readSignal && mayRead()) {
            if (!reading.compareAndSet(false, true)) {
                return;   // the running pump sees the signal
            }
            try {
                readSignal = false;
                readBurst();
            } finally {
                reading.set(false);
            }
        }
    }

    private void readBurst() {
        byte[] buffer = null;
        ByteBuffer view = null;
        try {
            while (mayRead()) {
                // Cleared first: an onDataAvailable racing with a false isReady() sets it again.
                dataAvailable = false;
                if (!in.isReady()) {
                    return;   // onDataAvailable follows when there is more
                }
                dataAvailable = true;
                if (buffer == null) {
                    buffer = ReadBuffers.acquire();
                    view = ByteBuffer.wrap(buffer);   // one view per burst, not per read
                }
                int n = in.read(buffer);
                if (n < 0) {
                    closeNow(null);
                    return;
                }
                if (n > 0 && state() == State.OPEN) {
                    // While close() flushes, input is read and dropped so a peer blocked on writing cannot stall us.
                    deliver(view.clear().limit(n));
                }
            }
        } catch (IOException e) {
            closeNow(e);
        } catch (RuntimeException e) {
            // A container may throw IllegalStateException once the connection is gone.
            closeNow(new IOException("reading failed: " + e, e));
        } finally {
            ReadBuffers.release(buffer);
        }
    }

    // ---- writing --------------------------------------------------------------------------------------

    /**
     * Writes what is queued while the stream is ready; any thread, one at a time. From inside
     * {@link #write} ({@code inWrite}), a close it comes to is left to the timer thread (see Connection#write).
     */
    private void pumpWrites(boolean inWrite) {
        synchronized (lock) {
            writeSignal = true;
        }
        while (true) {
            synchronized (lock) {
                if (writing || !writeSignal || state().closed()) {
                    return;
                }
                writing = true;
                writeSignal = false;
            }
            boolean finished = false;
            IOException error = null;
            try {
                finished = writeBurst();
            } catch (IOException e) {
                error = e;
            } catch (RuntimeException e) {
                error = new IOException("writing failed: " + e, e);
            }
            boolean fireWritable;
            synchronized (lock) {
                writing = false;
                fireWritable = drainedTo(queued);
            }
            if (error != null || finished) {
                if (inWrite) {
                    IOException cause = error;
                    onTimerThread(() -> closeNow(cause));
                } else {
                    closeNow(error);
                }
                return;
            }
            if (fireWritable) {
                fireWritable();
            }
        }
    }

    /**
     * Writes queued buffers until the stream is not ready or nothing is left (then flushes), and
     * completes the callbacks of what the container has finished with. True when a close() is due
     * now that all is written.
     */
    private boolean writeBurst() throws IOException {
        while (true) {
            if (!out.isReady()) {
                return false;   // onWritePossible follows
            }
            // Ready again: the container is done with everything handed to it before.
            completeHandedOver();
            synchronized (lock) {
                if (state().closed()) {
                    return false;
                }
                if (queue.isEmpty() && !needsFlush) {
                    ReadBuffers.release(scratch);
                    scratch = null;
                    return state() == State.CLOSING;
                }
                gather();
            }
            if (batch.isEmpty()) {
                needsFlush = false;
                out.flush();
                continue;
            }
            int n;
            try {
                n = writeBatch();
            } finally {
                batch.clear();
            }
            needsFlush = true;
            synchronized (lock) {
                if (state().closed()) {
                    return false;   // closeNow already took the whole queue off the counts
                }
                queued -= n;
                budget.addOutbound(-n);
                // The writes whose last bytes the container took leave the queue, in order.
                for (PendingWrite w = queue.peek(); w != null; w = queue.peek()) {
                    w.skipEmpty();
                    if (!w.isDone()) {
                        break;
                    }
                    queue.poll();
                    handedOver.add(w.callback() == null ? NO_CALLBACK : w.callback());
                }
            }
        }
    }

    /**
     * Under the lock: the queued writes, from the head, that the next container write can take bytes
     * from (as many as fill a scratch array), so that it is built without the lock.
     */
    private void gather() {
        long room = ReadBuffers.SIZE;
        for (PendingWrite w : queue) {
            batch.add(w);
            room -= w.remaining();
            if (room <= 0) {
                return;
            }
        }
    }

    /**
     * One container write from the gathered writes, and the bytes it took: a big heap buffer's own
     * array when it comes first, otherwise the buffers in order copied into one array (up to a big
     * heap buffer, which goes next time), so a burst of small frames (the held replies of a burst of
     * received messages) costs the container one write and one readiness check instead of one each.
     */
    private int writeBatch() throws IOException {
        ByteBuffer first = batch.get(0).current();
        if (writesInPlace(first)) {
            int n = first.remaining();
            out.write(first.array(), first.arrayOffset() + first.position(), n);
            first.position(first.limit());
            return n;
        }
        if (scratch == null) {
            scratch = ReadBuffers.acquire();
        }
        int filled = 0;
        copying:
        for (PendingWrite w : batch) {
            ByteBuffer[] buffers = w.buffers();
            for (int i = w.offset(); i < buffers.length; i++) {
                ByteBuffer b = buffers[i];
                if (filled > 0 && writesInPlace(b)) {
                    break copying;
                }
                int n = Math.min(b.remaining(), scratch.length - filled);
                b.get(scratch, filled, n);
                filled += n;
                if (filled == scratch.length) {
                    break copying;
                }
            }
        }
        // Undertow keeps no offset: it gets an array of its own, exactly as long as the batch.
        out.write(wholeArraysOnly ? Arrays.copyOf(scratch, filled) : scratch, 0, filled);
        return filled;
    }

    /**
     * Completes, in order and without holding the lock, the callbacks of writes the container is done
     * with. Only the pumping thread calls it, so completions never overtake each other; a callback
     * that writes again only signals the pump, which goes round once more.
     */
    private void completeHandedOver() {
        while (true) {
            WriteCallback callback;
            synchronized (lock) {
                callback = handedOver.poll();
            }
            if (callback == null) {
                return;
            }
            Callbacks.completed(callback);
        }
    }

    /** A heap buffer big enough that handing its own array to the container beats copying it. */
    private boolean writesInPlace(ByteBuffer buffer) {
        return buffer.hasArray() && buffer.remaining() >= IN_PLACE_BYTES && (!wholeArraysOnly
                || (buffer.arrayOffset() + buffer.position() == 0 && buffer.remaining() == buffer.array().length));
    }

    /** Who calls onDataAvailable again for a resumed connection: Tomcat and Undertow do; elsewhere nobody. */
    private static ReadDispatch readDispatchOf(ServletInputStream in, TomcatReadEvents tomcatReads) {
        if (tomcatReads != TomcatReadEvents.NONE) {
            return tomcatReads;
        }
        return in.getClass().getName().equals(UndertowReadEvents.UPGRADED_INPUT) ? UndertowReadEvents.of(in)
                : ReadDispatch.NONE;
    }

    /**
     * Undertow's upgraded output stream (2.3.24, and its sources as of 2026) writes the whole array
     * whatever offset and length it is given, in non-blocking mode: it may only be given arrays to
     * write in full.
     */
    private static boolean writesWholeArrays(ServletOutputStream out) {
        return out.getClass().getName().equals("io.undertow.servlet.spec.UpgradeServletOutputStream");
    }

    // ---- closing --------------------------------------------------------------------------------------

    /** Closes at once: fails queued writes, closes the upgraded connection, tells the handler. Idempotent. */
    void closeNow(IOException cause) {
        List<WriteCallback> dropped = new ArrayList<>();
        long unwritten;
        synchronized (lock) {
            if (!markClosed(cause)) {
                return;
            }
            for (PendingWrite w : queue) {
                dropped.add(w.callback());
            }
            queue.clear();
            unwritten = queued;
            queued = 0;
        }
        budget.addOutbound(-unwritten);
        if (in instanceof UpgradedStreams.IoThreadCallbacks io && io.callingBack()) {
            // Never on the host's I/O thread: closing the container's streams may end the request right there,
            // which runs the application's request listeners.
            onTimerThread(this::closeSocket);
        } else {
            closeSocket();
        }
        // Bytes already handed to the container are as good as sent: closing flushes them.
        List<WriteCallback> sent;
        synchronized (lock) {
            sent = new ArrayList<>(handedOver);
            handedOver.clear();
        }
        for (WriteCallback callback : sent) {
            Callbacks.completed(callback);
        }
        failAll(dropped, closed());
        notifyClosed();
        OpenConnections r = registry;
        if (r != null) {
            r.remove(this);
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing " + this + " failed", e);
        }
    }

    /**
     * Runs {@code task} on the application's timer thread, for work that calls the handler but was asked for
     * by a caller that may hold the session's locks; inline only when there is no timer thread (before the
     * session starts, when no handler can be called, or once the application has stopped).
     */
    private void onTimerThread(Runnable task) {
        ScheduledExecutorService timers = scheduler;
        if (timers != null) {
            try {
                timers.execute(task);
                return;
            } catch (RejectedExecutionException e) {
                // stopping: no one else will run it
            }
        }
        task.run();
    }

    private IOException closed() {
        return closedException(toString());
    }

    private static IOException asIOException(Throwable t) {
        return t instanceof IOException io ? io : new IOException(String.valueOf(t), t);
    }

    // ---- callbacks ------------------------------------------------------------------------------------

    private static final WriteCallback NO_CALLBACK = new WriteCallback() {
        @Override
        public void completed() {
        }

        @Override
        public void failed(IOException cause) {
        }
    };
}
