package org.bowline.container.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * TLS over any Connection (server or client mode decided by the SSLEngine), so it also works over a CONNECT
 * proxy tunnel or a non-socket transport.
 *
 * <p>Configure the engine (client mode, protocols, SNI, client auth) before constructing. The handshake starts
 * with the first {@link #setHandler}; writes made earlier wait for it. Delegated tasks run inline on the thread
 * driving the handshake (they are short CPU work: certificate checks and key agreement).
 *
 * <p>Memory: an idle connection holds no packet buffer. Ciphertext goes out in 64 KiB pooled direct buffers,
 * at most {@value #MAX_PACKETS_IN_FLIGHT} per connection; plaintext beyond that stays in the caller's own
 * buffers, so a bulk writer costs at most 256 KiB of packet memory. Inbound, a pooled buffer holds decrypted
 * bytes only during onData, and one holds a partial record between reads.
 *
 * <p>Deviation from the transport contract: after {@link #resumeReading()} with undecrypted bytes left over
 * from before the suspension, those bytes are delivered from the transport's timer thread (still never
 * concurrently with other onData calls), because a Connection offers no way to run on its I/O thread; the
 * transport reads again once they are through.
 */
public final class TlsConnection extends AbstractConnection {

    private static final System.Logger LOG = System.getLogger(TlsConnection.class.getName());

    static final int MAX_PACKETS_IN_FLIGHT = 4;
    private static final int PACKET_BUFFER_SIZE = 64 * 1024;
    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0).asReadOnlyBuffer()};
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private static final int STOP = 0;
    private static final int DELIVER = 1;

    private static final int NO_ACTION = 0;
    private static final int RESUME_TRANSPORT = 1;
    private static final int DRAIN_LEFTOVER = 2;

    private final Connection transport;
    private final SSLEngine engine;
    private final BufferPool pool = BufferPool.SHARED;
    private final TransportHandler transportHandler = new TransportHandler();

    private volatile boolean suspended;
    private volatile long pendingBytes;

    /** Guards the engine and every field below; user code and the handler never run while it is held. */
    private final ReentrantLock lock = new ReentrantLock();
    private boolean started;
    private boolean handshakeDone;
    private boolean outboundClosed;
    private boolean transportCloseDue;
    private boolean inboundBusy;
    private boolean resumeDue;
    /** netIn holds records not yet unwrapped because reading was suspended (not just one partial record). */
    private boolean keptRecords;
    private IOException failure;
    private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
    private int inFlight;
    private Packet filling;
    private Packet lastSent;
    private final ArrayDeque<Packet> freePackets = new ArrayDeque<>();
    private final ArrayDeque<WriteCallback> readyCompleted = new ArrayDeque<>();
    private final ArrayDeque<Failure> readyFailed = new ArrayDeque<>();
    private ByteBuffer netIn;   // partial record between reads, fill mode; null when none
    /** Ciphertext a transport read brought while a drain of kept records was consuming (see onNetData); fill mode. */
    private ByteBuffer overtaken;
    private ByteBuffer appIn;   // decrypted bytes, only during processing

    public TlsConnection(Connection transport, SSLEngine engine) {
        this(transport, engine, WriteWaterMarks.DEFAULT);
    }

    /** @param marks water marks over plaintext not yet encrypted plus the transport's queued bytes */
    public TlsConnection(Connection transport, SSLEngine engine, WriteWaterMarks marks) {
        super(marks);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    // ---- Connection ------------------------------------------------------------------------------------

    /** The handshake starts with the first handler; so does reading from the transport. */
    @Override
    protected void startReading() {
        lock.lock();
        try {
            if (!state().closed()) {
                started = true;
                try {
                    engine.beginHandshake();
                    driveHandshake();
                } catch (SSLException | RuntimeException e) {
                    fail(e);
                }
            }
        } finally {
            unlock(false);
        }
        transport.setHandler(transportHandler);
    }

    @Override
    protected void handlerFailed(IOException cause) {
        abortWith(cause);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        IOException refused = null;
        lock.lock();
        try {
            if (state() != State.OPEN) {
                refused = Callbacks.closed("TLS connection", closeCause() != null ? closeCause() : failure);
            } else if (pending.isEmpty() && handshakeDone && !outboundClosed) {
                // Fast path: encrypt straight from the caller's buffers, no queue entry.
                try {
                    if (wrapApp(buffers, false)) {
                        attach(callback);
                        sendFilling();
                        // The ciphertext may wait in the transport: onWritable must follow when it drains.
                        noteQueued(queuedBytes());
                    } else {
                        enqueue(buffers, callback);
                    }
                } catch (SSLException | RuntimeException e) {
                    refused = e instanceof SSLException ? (SSLException) e : new SSLException(e);
                    fail(e);
                }
            } else {
                enqueue(buffers, callback);
            }
        } finally {
            unlock(false);
        }
        if (refused != null) {
            Callbacks.failed(callback, refused);
        }
    }

    private void enqueue(ByteBuffer[] buffers, WriteCallback callback) {
        pending.add(new PendingWrite(buffers, callback));
        pendingBytes += Callbacks.remaining(buffers);
        noteQueued(queuedBytes());
    }

    /** Plaintext not yet encrypted plus ciphertext the transport still holds. */
    @Override
    public long queuedBytes() {
        return pendingBytes + transport.queuedBytes();
    }

    @Override
    public QueueBudget budget() {
        return transport.budget();
    }

    @Override
    public void suspendReading() {
        suspended = true;
        transport.suspendReading();
    }

    @Override
    public void resumeReading() {
        suspended = false;
        int action;
        lock.lock();
        try {
            action = state().closed() ? NO_ACTION : resumeAction();
        } finally {
            lock.unlock();
        }
        perform(action);
    }

    /** Decides how to resume; under the lock. */
    private int resumeAction() {
        if (inboundBusy) {
            resumeDue = true;   // the thread inside onData resumes when it leaves
            return NO_ACTION;
        }
        if (keptRecords) {
            inboundBusy = true;
            // The transport stays suspended while they drain (its onData must not run alongside): the drain
            // resumes it when it leaves, or the peer's later records, its close among them, are never read.
            resumeDue = true;
            return DRAIN_LEFTOVER;
        }
        // Nothing kept, or only a partial record: only the transport can bring the rest.
        return RESUME_TRANSPORT;
    }

    private void perform(int action) {
        if (action == RESUME_TRANSPORT) {
            transport.resumeReading();
        } else if (action == DRAIN_LEFTOVER) {
            transport.schedule(() -> consume(EMPTY), 0, TimeUnit.NANOSECONDS);
        }
    }

    /** Sends what is queued, then close_notify, then closes the transport. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            markClosing();
        } finally {
            unlock(false);
        }
    }

    @Override
    public void abort() {
        transport.abort();
    }

    @Override
    public boolean isOpen() {
        return super.isOpen() && transport.isOpen();
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return transport.schedule(task, delay, unit);
    }

    @Override
    public void runOnNextTick(TickTimer.Task task) {
        transport.runOnNextTick(task);
    }

    @Override
    public SSLSession sslSession() {
        return engine.getSession();
    }

    @Override
    public String toString() {
        return "TlsConnection[" + transport + "]";
    }

    // ---- locking ---------------------------------------------------------------------------------------

    /**
     * Leaves the lock. The outermost holder first pushes out whatever became sendable, then (without the
     * lock) runs finished write callbacks, closes the transport if due, and fires onWritable if asked to.
     */
    private void unlock(boolean checkWritable) {
        if (lock.getHoldCount() > 1) {
            lock.unlock();
            return;
        }
        boolean closeTransport;
        boolean writable = false;
        try {
            if (!state().closed()) {
                try {
                    flushOutbound();
                    maybeFinishClose();
                } catch (SSLException | RuntimeException e) {
                    fail(e);
                }
            }
            writable = checkWritable && drainedTo(queuedBytes());
            closeTransport = transportCloseDue;
            transportCloseDue = false;
        } finally {
            lock.unlock();
        }
        runReadyCallbacks();
        if (closeTransport) {
            transport.close();
        }
        if (writable) {
            fireWritable();
        }
    }

    private void runReadyCallbacks() {
        while (true) {
            WriteCallback completed;
            Failure failed = null;
            lock.lock();
            try {
                completed = readyCompleted.poll();
                if (completed == null) {
                    failed = readyFailed.poll();
                }
            } finally {
                lock.unlock();
            }
            if (completed != null) {
                Callbacks.completed(completed);
            } else if (failed != null) {
                Callbacks.failed(failed.callback, failed.cause);
            } else {
                return;
            }
        }
    }

    // ---- outbound (under the lock) ---------------------------------------------------------------------

    private void flushOutbound() throws SSLException {
        if (!handshakeDone || outboundClosed || state().closed()) {
            return;
        }
        PendingWrite w;
        while ((w = pending.peek()) != null) {
            if (!wrapApp(w.buffers(), true)) {
                break;
            }
            pending.poll();
            attach(w.callback());
        }
        sendFilling();
    }

    /**
     * Encrypts from {@code srcs} into packets until they are empty or the in-flight limit is reached.
     *
     * @return true if every byte was taken
     */
    private boolean wrapApp(ByteBuffer[] srcs, boolean fromPending) throws SSLException {
        while (Callbacks.hasRemaining(srcs)) {
            if (filling == null && inFlight >= MAX_PACKETS_IN_FLIGHT) {
                return false;
            }
            int packetSize = engine.getSession().getPacketBufferSize();
            Packet p = openPacket(packetSize);
            SSLEngineResult r = engine.wrap(srcs, p.buffer);
            if (fromPending) {
                pendingBytes -= r.bytesConsumed();
            }
            switch (r.getStatus()) {
                case OK:
                    if (p.buffer.remaining() < packetSize) {
                        sendFilling();
                    }
                    break;
                case BUFFER_OVERFLOW:
                    if (p.buffer.position() == 0) {
                        throw new SSLException("packet buffer too small for the session's records");
                    }
                    sendFilling();
                    break;
                case CLOSED:
                    throw new SSLException("TLS engine closed for writing");
                default:
                    throw new SSLException("unexpected wrap status " + r.getStatus());
            }
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK
                    || r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                driveHandshake();   // TLS 1.3 post-handshake messages (KeyUpdate, tickets)
            }
        }
        return true;
    }

    /** Handshake work that needs no input: delegated tasks and handshake records to send. */
    private void driveHandshake() throws SSLException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                Packet p = openPacket(engine.getSession().getPacketBufferSize());
                SSLEngineResult r = engine.wrap(NOTHING, p.buffer);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    if (p.buffer.position() == 0) {
                        throw new SSLException("packet buffer too small for a handshake record");
                    }
                    sendFilling();
                    continue;
                }
                if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    sendFilling();
                    handshakeDone = true;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED || r.bytesProduced() == 0) {
                    sendFilling();
                    return;
                }
                if (engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                    sendFilling();   // consecutive handshake records share one packet
                }
            } else {
                sendFilling();
                return;
            }
        }
    }

    private Packet openPacket(int packetSize) {
        if (filling == null) {
            Packet p = freePackets.poll();
            if (p == null) {
                p = new Packet();
            }
            p.buffer = pool.acquire(Math.max(PACKET_BUFFER_SIZE, packetSize));
            filling = p;
        }
        return filling;
    }

    /** Hands the packet being filled to the transport (records must reach it in order: under the lock). */
    private void sendFilling() {
        Packet p = filling;
        if (p == null) {
            return;
        }
        filling = null;
        if (p.buffer.position() == 0) {
            pool.release(p.buffer);
            p.buffer = null;
            for (WriteCallback cb : p.callbacks) {
                attach(cb);
            }
            p.callbacks.clear();
            freePackets.push(p);
            return;
        }
        p.buffer.flip();
        p.array[0] = p.buffer;
        inFlight++;
        lastSent = p;
        transport.write(p.array, p);
    }

    /** Completes the callback once every byte written before it has left. */
    private void attach(WriteCallback callback) {
        if (callback == null) {
            return;
        }
        if (filling != null) {
            filling.callbacks.add(callback);
        } else if (lastSent != null) {
            lastSent.callbacks.add(callback);
        } else {
            readyCompleted.add(callback);
        }
    }

    private void maybeFinishClose() throws SSLException {
        if (state() == State.CLOSING && !outboundClosed && (pending.isEmpty() || !handshakeDone)) {
            failPending(new IOException("TLS connection closed before its handshake completed"));
            closeOutbound();
        }
    }

    /** Sends close_notify and asks for the transport to be closed. */
    private void closeOutbound() throws SSLException {
        if (outboundClosed) {
            return;
        }
        outboundClosed = true;
        transportCloseDue = true;
        sendFilling();
        engine.closeOutbound();
        driveHandshake();
    }

    private void failPending(IOException cause) {
        PendingWrite w;
        while ((w = pending.poll()) != null) {
            if (w.callback() != null) {
                readyFailed.add(new Failure(w.callback(), cause));
            }
        }
        pendingBytes = 0;
    }

    /** A TLS failure: remember it, try to tell the peer (alert), close the transport. */
    private void fail(Exception e) {
        IOException cause = e instanceof IOException ? (IOException) e : new SSLException(e);
        if (failure == null) {
            failure = cause;
        }
        LOG.log(Level.DEBUG, "TLS failure on " + this, e);
        markClosing();
        failPending(Callbacks.closed("TLS connection", cause));
        try {
            closeOutbound();
        } catch (SSLException | RuntimeException ignored) {
            // the alert could not be produced; closing the transport is what matters
        }
        outboundClosed = true;
        transportCloseDue = true;
    }

    private void abortWith(IOException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
        } finally {
            lock.unlock();
        }
        transport.abort();
    }

    // ---- inbound ---------------------------------------------------------------------------------------

    private void onNetData(ByteBuffer data) {
        lock.lock();
        try {
            if (state().closed()) {
                return;
            }
            if (suspended) {
                // The transport may be reading although we are suspended: a suspendReading can come between
                // a resume's decision and its transport.resumeReading(), which is made after the lock is
                // left. Stop it again, so the peer is held back by TCP rather than piling up in netIn (when
                // this read merely raced the suspension, suspending twice is harmless). Under the lock that
                // sets inboundBusy: a resume decided after this finds the read busy or its records kept, and
                // so resumes the transport after this suspension, never before it.
                transport.suspendReading();
            }
            if (inboundBusy) {
                // Only a drain of kept records (on the timer thread) can be consuming: a resume decided before
                // that drain began reached the transport after it. These bytes follow the ones the drain holds, so
                // they wait for it (the transport discards what we do not take), and so does the transport.
                transport.suspendReading();
                keepOvertaken(data);
                return;
            }
            inboundBusy = true;
        } finally {
            lock.unlock();
        }
        consume(data);
    }

    /** Adds {@code data} to {@link #overtaken}; under the lock. */
    private void keepOvertaken(ByteBuffer data) {
        overtaken = withRoom(overtaken, data.remaining(), 0);
        overtaken.put(data);
    }

    /** Decrypts and delivers; the caller has set inboundBusy (one thread at a time). */
    private void consume(ByteBuffer data) {
        int action = NO_ACTION;
        boolean cutShort = false;
        try {
            ByteBuffer src;
            if (netIn != null) {
                ensureNetIn(data.remaining());
                netIn.put(data);
                netIn.flip();
                src = netIn;
            } else {
                src = data;
            }
            cutShort = processInbound(src);
            if (src == netIn) {
                netIn.compact();
            } else if (src.hasRemaining() && !state().closed()) {
                ensureNetIn(src.remaining());   // the transport discards what we leave
                netIn.put(src);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TLS input processing failed on " + this, e);
            abortWith(new IOException("TLS input processing failed: " + e, e));
        } finally {
            lock.lock();
            try {
                inboundBusy = false;
                boolean overtakenKept = takeOvertaken();
                if (netIn != null && (state().closed() || netIn.position() == 0)) {
                    pool.release(netIn);
                    netIn = null;
                }
                keptRecords = (cutShort || overtakenKept) && netIn != null;
                if (appIn != null) {
                    pool.release(appIn);
                    appIn = null;
                }
                if (resumeDue && !suspended && !state().closed()) {
                    resumeDue = false;
                    action = resumeAction();
                }
            } finally {
                unlock(false);
            }
        }
        perform(action);
    }

    /**
     * Moves bytes that arrived while this thread consumed behind the ones it left in {@link #netIn}, where the
     * next drain finds them; true if there were any. Under the lock, as the consuming thread leaves.
     */
    private boolean takeOvertaken() {
        ByteBuffer o = overtaken;
        if (o == null) {
            return false;
        }
        overtaken = null;
        boolean kept = !state().closed() && o.position() > 0;
        if (kept) {
            o.flip();
            ensureNetIn(o.remaining());
            netIn.put(o);
        }
        pool.release(o);
        return kept;
    }

    /** @return true if it stopped because reading was suspended, with records perhaps left in {@code src} */
    private boolean processInbound(ByteBuffer src) {
        while (true) {
            if (state().closed()) {
                return false;
            }
            if (suspended) {
                return true;
            }
            int step;
            lock.lock();
            try {
                step = unwrapStep(src);
            } catch (SSLException | RuntimeException e) {
                fail(e);
                step = STOP;
            } finally {
                unlock(false);
            }
            if (step != DELIVER) {
                return false;
            }
            deliverPlaintext();
        }
    }

    /** Unwraps until there is plaintext to deliver or nothing more to do with {@code src}; under the lock. */
    private int unwrapStep(ByteBuffer src) throws SSLException {
        while (true) {
            driveHandshake();
            if (state().closed() || engine.isInboundDone() || !src.hasRemaining()) {
                return STOP;
            }
            if (appIn == null) {
                appIn = pool.acquire(engine.getSession().getApplicationBufferSize());
            }
            SSLEngineResult r = engine.unwrap(src, appIn);
            if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                handshakeDone = true;
            }
            switch (r.getStatus()) {
                case OK:
                    if (appIn.position() > 0) {
                        return DELIVER;
                    }
                    if (r.bytesConsumed() == 0 && r.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                            && r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                        return STOP;
                    }
                    break;
                case BUFFER_UNDERFLOW:
                    return STOP;   // a partial record: wait for more
                case BUFFER_OVERFLOW:
                    if (appIn.position() > 0) {
                        return DELIVER;
                    }
                    ByteBuffer bigger = pool.acquire(
                            Math.max(engine.getSession().getApplicationBufferSize(), appIn.capacity() * 2));
                    pool.release(appIn);
                    appIn = bigger;
                    break;
                case CLOSED:
                    // close_notify from the peer: answer with ours and close; unsent plaintext is dropped.
                    markClosing();
                    failPending(new IOException("peer closed the TLS session"));
                    closeOutbound();
                    return appIn.position() > 0 ? DELIVER : STOP;
                default:
                    throw new SSLException("unexpected unwrap status " + r.getStatus());
            }
        }
    }

    private void deliverPlaintext() {
        ByteBuffer plain = appIn;
        plain.flip();
        deliver(plain);
        plain.clear();
    }

    private void ensureNetIn(int extra) {
        netIn = withRoom(netIn, extra, engine.getSession().getPacketBufferSize());
    }

    /**
     * {@code buffer} (fill mode, or null for none) when it has room for {@code extra} more bytes and a capacity
     * of at least {@code atLeast}; else a pooled buffer that big holding its bytes, the old one given back.
     */
    private ByteBuffer withRoom(ByteBuffer buffer, int extra, int atLeast) {
        int held = buffer == null ? 0 : buffer.position();
        int need = Math.max(held + extra, atLeast);
        if (buffer != null && buffer.capacity() >= need) {
            return buffer;
        }
        ByteBuffer bigger = pool.acquire(need);
        if (buffer != null) {
            buffer.flip();
            bigger.put(buffer);
            pool.release(buffer);
        }
        return bigger;
    }

    private void onTransportClosed(IOException cause) {
        lock.lock();
        try {
            IOException effective = failure != null ? failure : cause;
            if (effective == null && started && !handshakeDone && state() == State.OPEN) {
                effective = new SSLHandshakeException("connection closed during the TLS handshake");
            }
            if (!markClosed(effective)) {
                return;
            }
            failPending(Callbacks.closed("TLS connection", effective));
            if (filling != null) {
                pool.release(filling.buffer);
                filling = null;
            }
            if (!inboundBusy) {
                pool.release(netIn);
                netIn = null;
                keptRecords = false;
                pool.release(appIn);
                appIn = null;
            }
        } finally {
            unlock(false);
        }
        notifyClosed();
    }

    // ---- parts -----------------------------------------------------------------------------------------

    private final class TransportHandler implements ConnectionHandler {
        @Override
        public void onData(ByteBuffer data) {
            onNetData(data);
        }

        @Override
        public void onClosed(IOException cause) {
            onTransportClosed(cause);
        }
    }

    /** Ciphertext handed to the transport, and the writes that finish when it has gone. */
    private final class Packet implements WriteCallback {
        final ByteBuffer[] array = new ByteBuffer[1];
        final ArrayList<WriteCallback> callbacks = new ArrayList<>(4);
        ByteBuffer buffer;

        @Override
        public void completed() {
            lock.lock();
            try {
                readyCompleted.addAll(callbacks);
                recycle();
            } finally {
                unlock(true);
            }
        }

        @Override
        public void failed(IOException cause) {
            lock.lock();
            try {
                for (WriteCallback cb : callbacks) {
                    readyFailed.add(new Failure(cb, cause));
                }
                recycle();
            } finally {
                unlock(true);
            }
        }

        private void recycle() {
            callbacks.clear();
            inFlight--;
            if (lastSent == this) {
                lastSent = null;
            }
            pool.release(buffer);
            buffer = null;
            array[0] = null;
            freePackets.push(this);
        }
    }

    private record Failure(WriteCallback callback, IOException cause) {}
}
