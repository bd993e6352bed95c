package org.bowline.container.session;

import jakarta.websocket.CloseReason;

import org.bowline.container.frame.CloseCodes;

/**
 * A session's lifecycle, in one place: where the close handshake stands ({@link Phase}), whether
 * input (frames from the peer) and output (frames to it) are still open, why the conversation ended
 * (our close, the peer's, a failure), and whether the endpoint has been told. Every path asks it:
 * reads, sends, timeouts, errors, {@code isOpen()}; no path keeps a flag of its own.
 *
 * <p>Each transition is one method that answers whether it happened (and so whether the caller owes
 * the peer a frame or the endpoint a callback), so of two threads racing to the same transition
 * exactly one acts. Transitions take this object's monitor and call nothing while holding it; a
 * session that must send a frame atomically with a transition (our close, a pong that must not
 * follow it) does both under a lock of its own, taken before this one. The inbound and outbound
 * gates ({@link #inputOpen()}, {@link #outputShutReason()}) are volatile reads, so the I/O thread
 * and senders consult them without locking.
 */
final class SessionState {

    /** The close handshake, as seen from this end. */
    enum Phase {
        /** Neither close frame has passed. */
        OPEN,
        /** Ours went out; the peer's has not been answered yet (it may have arrived). */
        CLOSE_SENT,
        /** The peer's arrived and ours is still owed: messages that came before it are being delivered. */
        CLOSE_RECEIVED,
        /** The handshake is over, or the connection failed or ended without it. */
        CLOSED
    }

    /** What {@link #closeReceived()} found: what the session must now do. */
    enum Reply {
        /** The handshake ended earlier: nothing. */
        NONE,
        /** The peer closed first: send our close frame in reply, then end the transport. */
        REPLY,
        /** The peer's close answered ours: end the transport. */
        ANSWERED
    }

    private Phase phase = Phase.OPEN;
    private volatile boolean inputOpen = true;
    /** Null while data may still be sent; otherwise why not. */
    private volatile String outputShut;
    /** What this end's own close tells its endpoint (set when our close frame goes out). */
    private CloseReason localReason;
    private volatile CloseReason peerClose;
    private volatile CloseReason failure;
    /** The endpoint's onClose is under way (or was delivered, or never will be): the session is closed. */
    private volatile boolean endpointClosed;
    private boolean onCloseClaimed;

    // ---- the gates: volatile reads ----

    /** Frames from the peer are still taken. */
    boolean inputOpen() {
        return inputOpen;
    }

    /** Null while the session may send data; otherwise the reason it may not. */
    String outputShutReason() {
        return outputShut;
    }

    /** {@code Session.isOpen()}: true until the endpoint's onClose is under way. */
    boolean isOpen() {
        return !endpointClosed;
    }

    CloseReason failure() {
        return failure;
    }

    CloseReason peerClose() {
        return peerClose;
    }

    synchronized Phase phase() {
        return phase;
    }

    /**
     * Neither end has begun to close, as far as the endpoint can tell: the conversation may still carry
     * messages. A peer's close that still waits behind the messages before it does not end it yet.
     */
    synchronized boolean conversing() {
        return phase == Phase.OPEN || phase == Phase.CLOSE_RECEIVED;
    }

    // ---- transitions ----

    /** No more data may be sent; a send refused from now on gives the latest reason. */
    void shutOutput(String reason) {
        outputShut = reason;
    }

    /**
     * The peer's close frame arrived (I/O thread): input shuts now; our reply waits until the messages
     * that came before it are delivered ({@link #closeReceived()}).
     */
    synchronized void peerClosed(int code, String reason) {
        inputOpen = false;
        peerClose = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
        if (phase == Phase.OPEN) {
            phase = Phase.CLOSE_RECEIVED;
        }
    }

    /**
     * The peer's close is to be answered now (after the messages before it, or when the close timeout
     * says so). Only the first call of the session's life acts.
     */
    synchronized Reply closeReceived() {
        switch (phase) {
            case OPEN, CLOSE_RECEIVED -> {
                phase = Phase.CLOSED;
                return Reply.REPLY;
            }
            case CLOSE_SENT -> {
                phase = Phase.CLOSED;
                return Reply.ANSWERED;
            }
            default -> {
                return Reply.NONE;
            }
        }
    }

    /**
     * This end starts the close handshake: true when it may (nothing has closed yet, or the peer's close
     * still waits behind messages, in which case our close is the reply), and then our close frame must
     * go out. {@code local} is what this endpoint's onClose will be told.
     */
    synchronized boolean closeSent(CloseReason local) {
        if (phase != Phase.OPEN && phase != Phase.CLOSE_RECEIVED) {
            return false;
        }
        phase = Phase.CLOSE_SENT;
        localReason = local;
        return true;
    }

    /** Our close is still waiting for the peer's: the close timeout may drop the connection. */
    synchronized boolean awaitingPeerClose() {
        return phase == Phase.CLOSE_SENT;
    }

    synchronized CloseReason localReason() {
        return localReason;
    }

    /**
     * The connection is to fail (I/O thread or dispatcher): input shuts now, the failure is recorded for
     * onClose; the close frame follows once the messages before it are delivered ({@link #failNow()}).
     */
    void failing(int code, String reason) {
        inputOpen = false;
        failure = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
    }

    /**
     * The failure takes effect: null when the session had closed already; otherwise whether our close
     * frame must still go out (false when ours went out before).
     */
    synchronized Boolean failNow() {
        if (phase == Phase.CLOSED) {
            return null;
        }
        boolean sendClose = phase != Phase.CLOSE_SENT;
        phase = Phase.CLOSED;
        return sendClose;
    }

    /**
     * The transport is gone (I/O thread): everything shuts. True when that ended the session before its
     * close handshake did (the endpoint is then owed an onClose saying so).
     */
    synchronized boolean transportClosed() {
        inputOpen = false;
        boolean abnormal = phase != Phase.CLOSED;
        phase = Phase.CLOSED;
        return abnormal;
    }

    /** True for the one caller that is to deliver the endpoint's onClose. */
    synchronized boolean claimOnClose() {
        if (onCloseClaimed) {
            return false;
        }
        onCloseClaimed = true;
        return true;
    }

    /** From here on {@code isOpen()} is false: onClose is under way, or will never run. */
    void endpointClosed() {
        endpointClosed = true;
    }

    /**
     * What onClose says when TCP ended before the close handshake was settled. It may end before a
     * close step queued behind message deliveries ran: then the close frames that did cross decide.
     * Without the peer's close frame the code is 1006 (RFC 6455 7.1.5), even when we had sent ours.
     */
    synchronized CloseReason reasonWhenTransportEnded(String cause) {
        if (peerClose != null) {
            return localReason != null ? localReason : peerClose;
        }
        if (failure != null) {
            return failure;
        }
        if (localReason != null && localReason.getCloseCode().getCode() == CloseCodes.ABNORMAL) {
            return localReason;
        }
        String why = localReason != null ? "No close frame from the peer in reply to ours"
                : cause == null ? "Connection closed without a close frame" : "Connection failed: " + cause;
        return new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, why);
    }

    @Override
    public synchronized String toString() {
        return "SessionState[" + phase + (inputOpen ? " input open" : " input shut")
                + (outputShut == null ? ", output open" : ", output shut: " + outputShut) + "]";
    }
}
