package org.bowline.container.session;

import org.bowline.container.io.Connection;

/**
 * Whether a session reads from its peer. Three things may stop it, each for its own reason: inbound
 * messages its endpoint has not consumed yet ({@link InboundBacklog}), pings answered faster than the
 * peer reads the pongs ({@link PongQueue}), and input that came before a new session's onOpen returned
 * ({@link OpeningInput}). Reading goes on only when none holds it, and stops for good once the input is
 * closed.
 *
 * <p>The data the session has queued towards the peer never stops it: a session that stopped reading until
 * its own queue drained would deadlock with a peer doing the same (two peers each sending a message past
 * their outbound limit at once). Sends are bounded where they are made (see {@link Outbound}).
 *
 * <p>Every decision is taken under this object's monitor from the backlog's current size (the
 * {@link Decision} reads it), so a hold decided on the I/O thread and a release decided on a delivering
 * or writing thread cannot cross and leave reading suspended with nothing left to resume it. Calls into
 * the connection made under the monitor only flip its read interest; they never call back (a transport
 * delivers what a resume lets in from its own thread: see {@code Connection#resumeReading}).
 */
final class ReadInterest {

    /**
     * What may hold reading: the inbound backlog, owed pongs, and input kept while the session opens (so
     * limits the endpoint sets in onOpen judge the first frames too).
     */
    enum Reason { INBOUND, PONGS, OPENING }

    /** Looks at a backlog and says whether it holds reading (true), releases it (false) or leaves it (null). */
    @FunctionalInterface
    interface Decision {
        Boolean decide(boolean held);

        Decision HOLD = held -> Boolean.TRUE;
        Decision RELEASE = held -> Boolean.FALSE;
    }

    private final Connection connection;
    /** One bit per {@link Reason} that holds reading now. */
    private int held;
    private boolean stopped;

    ReadInterest(Connection connection) {
        this.connection = connection;
    }

    /** Re-decides one reason's hold; suspends or resumes the connection when the overall answer changes. */
    synchronized void update(Reason reason, Decision decision) {
        if (stopped) {
            return;
        }
        int bit = 1 << reason.ordinal();
        boolean wasHeld = (held & bit) != 0;
        Boolean hold = decision.decide(wasHeld);
        if (hold == null || hold == wasHeld) {
            return;
        }
        boolean wasReading = held == 0;
        held = hold ? held | bit : held & ~bit;
        boolean reading = held == 0;
        if (wasReading && !reading) {
            connection.suspendReading();
        } else if (!wasReading && reading) {
            connection.resumeReading();
        }
    }

    /**
     * The connection was left suspended by what read before the session (the handshake's reader): that
     * suspension becomes a hold for {@code reason}, and its release resumes reading like any other's.
     */
    synchronized void takeOverSuspended(Reason reason) {
        if (!stopped) {
            held |= 1 << reason.ordinal();
        }
    }

    /** The input is closed (failure, close frame): reading stops and never resumes. */
    synchronized void stop() {
        if (!stopped) {
            stopped = true;
            connection.suspendReading();
        }
    }

    synchronized boolean isReading() {
        return !stopped && held == 0;
    }
}
