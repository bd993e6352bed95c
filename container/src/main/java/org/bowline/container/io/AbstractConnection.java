package org.bowline.container.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What every transport shares: the connection's lifecycle (open, closing, closed, reported) as one state,
 * the handler and its guarded callbacks ({@code onData}, {@code onWritable}, {@code onClosed} exactly once per handler),
 * and the water-mark bookkeeping behind {@code onWritable}. NIO, TLS, in-memory and servlet connections
 * extend it and add only how bytes travel and how they close.
 *
 * <p>Locking: the base holds no lock while calling the handler. Subclasses that keep a write queue call
 * {@link #markClosing()}, {@link #markClosed}, {@link #noteQueued} and {@link #drainedTo} while holding
 * their own queue lock, so the state and their queue change together; the base's own guard is the
 * connection's monitor (no lock object of its own: an idle connection should cost little more than its
 * socket), taken only to make the closing transition and its cause one step, never while calling out. It is
 * a leaf for every subclass but {@link NioConnection}, whose queue lock is that same monitor, re-entered.
 */
public abstract class AbstractConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(AbstractConnection.class.getName());

    /** The lifecycle of a transport; it only moves forward. */
    protected enum State {
        /** Reads and writes. */
        OPEN,
        /** {@code close()} was asked: queued bytes are flushing, new writes are refused. */
        CLOSING,
        /** Closed; the handler has not heard {@code onClosed} yet (it may not be set yet). */
        CLOSED,
        /** Closed and the handler has heard {@code onClosed}. */
        REPORTED;

        public boolean closed() {
            return this == CLOSED || this == REPORTED;
        }
    }

    private static final VarHandle STATE;
    private static final VarHandle HANDLER;
    private static final VarHandle CONGESTED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(AbstractConnection.class, "state", State.class);
            HANDLER = l.findVarHandle(AbstractConnection.class, "handler", ConnectionHandler.class);
            CONGESTED = l.findVarHandle(AbstractConnection.class, "congested", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WriteWaterMarks marks;
    private volatile State state = State.OPEN;
    private volatile IOException closeCause;
    private volatile ConnectionHandler handler;
    /** The handler that heard onClosed; guarded by the monitor. */
    private ConnectionHandler reportedTo;
    /** Queued bytes went above the high mark and have not drained to the low mark since. */
    private volatile boolean congested;

    protected AbstractConnection(WriteWaterMarks marks) {
        this.marks = Objects.requireNonNull(marks, "marks");
    }

    // ---- hooks -----------------------------------------------------------------------------------------

    /** The first handler was set on an open connection: start delivering input. */
    protected abstract void startReading();

    /**
     * The handler threw from a callback: drop the connection at once with this cause (queued writes fail,
     * the handler hears onClosed).
     */
    protected abstract void handlerFailed(IOException cause);

    // ---- Connection ------------------------------------------------------------------------------------

    @Override
    public final void setHandler(ConnectionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        boolean first = HANDLER.getAndSet(this, handler) == null;
        if (first && !state.closed()) {
            startReading();
        }
        if (state.closed()) {
            notifyClosed();   // closed before anyone could hear it, or while starting
        }
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public final WriteWaterMarks writeWaterMarks() {
        return marks;
    }

    // ---- state -----------------------------------------------------------------------------------------

    protected final State state() {
        return state;
    }

    /** The handler, or null before the first {@link #setHandler}. */
    protected final ConnectionHandler handler() {
        return handler;
    }

    /** Why the connection closed (null: orderly, or still open). */
    protected final IOException closeCause() {
        return closeCause;
    }

    /** OPEN → CLOSING. False if it was not open (a second close, or already closed). */
    protected final boolean markClosing() {
        return STATE.compareAndSet(this, State.OPEN, State.CLOSING);
    }

    /**
     * OPEN or CLOSING → CLOSED, remembering the cause. False if it was already closed: exactly one caller
     * wins, and only the winner fails queued writes and releases resources.
     */
    protected final boolean markClosed(IOException cause) {
        synchronized (this) {
            if (state.closed()) {
                return false;
            }
            closeCause = cause;   // before the state, so whoever sees CLOSED sees the cause
            // Only markClosing races with us (OPEN -> CLOSING): retry from what it left.
            while (true) {
                State s = state;
                if (STATE.compareAndSet(this, s, State.CLOSED)) {
                    return true;
                }
            }
        }
    }

    /**
     * Tells the handler the connection closed, once: later calls (and calls before a handler is set, which
     * {@link #setHandler} makes up for) do nothing. A handler set after the close was reported hears it too
     * (a session taking over a connection that closed while its handshake was being decided elsewhere).
     */
    protected final void notifyClosed() {
        ConnectionHandler h;
        IOException cause;
        synchronized (this) {
            h = handler;
            if (h == null || !state.closed() || h == reportedTo) {
                return;
            }
            reportedTo = h;
            state = State.REPORTED;
            cause = closeCause;
        }
        try {
            h.onClosed(cause);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "handler threw from onClosed on " + this, t);
        }
    }

    /** The exception a write refused or dropped because of the close gets, caused by the close's cause. */
    protected final IOException closedException(String what) {
        return Callbacks.closed(what, closeCause);
    }

    /** Fails every callback of writes dropped by a close (null callbacks skipped; throwing ones logged). */
    protected static void failAll(Iterable<? extends WriteCallback> callbacks, IOException cause) {
        for (WriteCallback callback : callbacks) {
            Callbacks.failed(callback, cause);
        }
    }

    // ---- writability -----------------------------------------------------------------------------------

    /** The queue grew to {@code queued} bytes: above the high mark it counts as congested. */
    protected final void noteQueued(long queued) {
        if (queued > marks.high()) {
            congested = true;
        }
    }

    /**
     * The queue shrank to {@code queued} bytes. True once per congestion, when it reaches the low mark: the
     * caller then calls {@link #fireWritable()} (after leaving its locks).
     */
    protected final boolean drainedTo(long queued) {
        return queued <= marks.low() && congested && CONGESTED.compareAndSet(this, true, false);
    }

    // ---- guarded handler calls -------------------------------------------------------------------------

    /** Hands input to the handler. False if it threw (the connection is then being dropped). */
    protected final boolean deliver(ByteBuffer data) {
        try {
            handler.onData(data);
            return true;
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "handler threw from onData on " + this + "; aborting it", t);
            handlerFailed(new IOException("handler failed: " + t, t));
            return false;
        }
    }

    /** Tells the handler the queue drained (call without holding a lock). */
    protected final void fireWritable() {
        ConnectionHandler h = handler;
        if (h == null || state.closed()) {
            return;
        }
        try {
            h.onWritable();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "handler threw from onWritable on " + this + "; aborting it", t);
            handlerFailed(new IOException("handler failed: " + t, t));
        }
    }
}
