package org.bowline.container.session;

import org.bowline.container.io.Connection;

/**
 * Whether a session reads from its peer. One backlog may stop it: inbound messages its endpoint has not
 * consumed yet ({@link InboundBacklog}). Reading stops for good once the input is closed.
 *
 * <p>What the session has queued towards the peer never stops it: a session that stopped reading until
 * its own queue drained would deadlock with a peer doing the same (two peers each sending a message past
 * their outbound limit at once). Outbound memory is bounded where it is queued (see {@link Outbound}).
 *
 * <p>Every decision is taken under this object's monitor from the backlog's current size (the
 * {@link Decision} reads it), so a hold decided on the I/O thread and a release decided on a delivering
 * thread cannot cross and leave reading suspended with nothing left to resume it. Calls into the
 * connection made under the monitor only flip its read interest; they never call back.
 */
final class ReadInterest {

    /** Looks at the backlog and says whether it holds reading (true), releases it (false) or leaves it (null). */
    @FunctionalInterface
    interface Decision {
        Boolean decide(boolean held);
    }

    private final Connection connection;
    private boolean held;
    private boolean stopped;

    ReadInterest(Connection connection) {
        this.connection = connection;
    }

    /** Re-decides the hold; suspends or resumes the connection when it changes. */
    synchronized void update(Decision decision) {
        if (stopped) {
            return;
        }
        Boolean hold = decision.decide(held);
        if (hold == null || hold == held) {
            return;
        }
        held = hold;
        if (hold) {
            connection.suspendReading();
        } else {
            connection.resumeReading();
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
        return !stopped && !held;
    }
}
