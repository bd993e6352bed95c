package org.bowline.container.session;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.bowline.container.io.Connection;
import org.bowline.container.io.TickTimer;
import org.bowline.container.io.WriteCallback;

/**
 * Bounds the automatic pongs a session has queued and not yet written, so a peer that pings and never reads
 * cannot make it hold pongs without bound (the data the session queues does not stop it reading, so this
 * is the one place where output the engine owes, unasked, is bounded; the close frame is the other, single).
 *
 * <p>Up to {@link #MAX_WAITING} pongs may wait to be written; a peer that reads keeps far fewer waiting, so
 * each of its pings gets its own pong, in order. Past that, RFC 6455 section 5.5.3 lets an endpoint "send a
 * Pong frame for only the most recently processed Ping frame": a newer ping queues nothing and only becomes
 * the one {@link #owed} answer, replacing any older one; once a waiting pong is written, that answer goes
 * out on the connection's next tick. So what the session owes its peer is at most {@code MAX_WAITING + 1}
 * pongs, plus its close frame.
 *
 * <p>While an answer is owed, this queue also holds the session's reading ({@link ReadInterest}): a peer
 * that pings faster than it reads is read no faster than it reads, instead of costing the server a read
 * and a parse of every ping it can send for nothing. Only pongs count: queued data never holds reading,
 * and two peers could only stall each other this way by each flooding the other with pings while
 * neither reads.
 *
 * <p>Why not one pong at a time, as the RFC's wording suggests: a write is complete only once the peer has
 * taken its bytes, and over an in-memory pair (or behind a burst of data) that is later than the next ping
 * of a burst; ten pings in one read would then get one pong, where peers (Autobahn's case 2.10) expect ten.
 *
 * <p>Locking: {@link #admit} and {@link #takeOwed} are called under the session's lock, which orders the pongs
 * on the wire; this object's own monitor is a leaf. Write completions may come on any thread, even from
 * inside another write while its caller holds the frame sender's monitor, so they never take the session's
 * lock: they only count, and leave sending the owed answer to the tick.
 */
final class PongQueue extends TickTimer.Task implements WriteCallback, ReadInterest.Decision {

    /** Pongs that may be queued and unwritten at once before newer pings are answered by one pong only. */
    static final int MAX_WAITING = 64;

    /** Sends the owed pong, under the session's lock, if the session may still send one. */
    interface Host {
        void sendOwedPong();
    }

    private final Connection connection;
    private final Host host;
    /** Pongs handed to the connection whose write has neither completed nor failed. */
    private int waiting;
    /** The payload of the latest ping not answered yet because too many pongs were waiting; null when none. */
    private ByteBuffer owed;

    PongQueue(Connection connection, Host host) {
        this.connection = connection;
        this.host = host;
    }

    /**
     * A ping was processed: true when its pong is to be sent now, with this object as its write callback;
     * false when it only became the owed answer. While an answer is owed, no newer pong may overtake it.
     */
    synchronized boolean admit(ByteBuffer payload) {
        if (waiting >= MAX_WAITING || owed != null) {
            owed = payload;
            return false;
        }
        waiting++;
        return true;
    }

    /** The owed answer to send now (this object is its write callback), or null when there is none. */
    synchronized ByteBuffer takeOwed() {
        ByteBuffer p = owed;
        if (p == null || waiting >= MAX_WAITING) {
            return null;
        }
        owed = null;
        waiting++;
        return p;
    }

    /** Reading is held while an answer is owed, and released once it is sent (see the class comment). */
    @Override
    public synchronized Boolean decide(boolean held) {
        return owed != null;
    }

    @Override
    public void completed() {
        boolean sendOwed;
        synchronized (this) {
            waiting--;
            sendOwed = owed != null;
        }
        if (sendOwed) {
            connection.runOnNextTick(this);
        }
    }

    /** The session may send no more pongs: nothing is owed. */
    synchronized void dropOwed() {
        owed = null;
    }

    @Override
    public void failed(IOException cause) {
        synchronized (this) {
            waiting--;
            owed = null;   // the connection is gone: nothing more reaches the peer
        }
    }

    @Override
    protected void onTick() {
        host.sendOwedPong();
    }
}
