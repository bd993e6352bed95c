package org.bowline.container.session;

import org.bowline.container.io.Connection;

/**
 * Whether a session reads from its peer. Two backlogs may stop it, each for its own reason: inbound
 * messages its endpoint has not consumed yet ({@link InboundBacklog}), and pings answered faster than the
 * peer reads the pongs ({@link PongQueue}). Reading goes on only when neither holds it, and stops for good
 * once the input is closed.
 *
 * <p>The data the session has queued towards the peer never stops it: a session that stopped reading until
 * its own queue drained would deadlock with a peer doing the same (two peers each sending a message past
 * their outbound limit at once). Sends are bounded where they are made (see {@link Outbound}).
 *
 * <p>Every decision is taken under this object's monitor from the backlog's current size (the
 * {@link Decision} reads it), so a hold decided on the I/O thread and a release decided on a delivering
 * or writing thread cannot cross and leave reading suspended with nothing left to resume it. Calls into
 * the connection made under the monitor only flip its read interest; they never call back.
 */
final class ReadInterest {

    enum Reason { INBOUND, PONGS }

    /** Looks at a backlog and says whether it holds reading (true), releases it (false) or leaves it (null). */
    @FunctionalInterface
    interface Decision {
        Boolean decide(boolean held);
    }

    private final Connection connection;
    private boolean inboundHeld;
    private boolean pongsHeld;
    private boolean stopped;

    ReadInterest(Connection connection) {
        this.connection = connection;
    }

    /** Re-decides one reason's hold; suspends or resumes the connection when the overall answer changes. */
    synchronized void update(Reason reason, Decision decision) {
        if (stopped) {
            return;
        }
        boolean held = reason == Reason.INBOUND ? inboundHeld : pongsHeld;
        Boolean hold = decision.decide(held);
        if (hold == null || hold == held) {
            return;
        }
        boolean wasReading = !inboundHeld && !pongsHeld;
        if (reason == Reason.INBOUND) {
            inboundHeld = hold;
        } else {
            pongsHeld = hold;
        }
        boolean reading = !inboundHeld && !pongsHeld;
        if (wasReading && !reading) {
            connection.suspendReading();
        } else if (!wasReading && reading) {
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
        return !stopped && !inboundHeld && !pongsHeld;
    }
}
