package org.bowline.container.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.bowline.container.io.QueueBudget;

/**
 * Counts what a session has received and its endpoint not yet consumed (messages, pings) against
 * the inbound backlog. A message is always taken whole (the message size limits bound it); what the
 * backlog decides is whether the session reads on after it: not while more than
 * maxInboundPendingBytes wait for the endpoint, nor while any wait and the server's budget is used
 * up. Reading resumes once the backlog is down to half the limit (and, past the budget, empty).
 */
final class InboundBacklog implements ReadInterest.Decision {

    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(InboundBacklog.class, "pending", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Bytes received and not yet consumed; a field updated through PENDING rather than an AtomicLong per session. */
    private volatile long pending;
    private final ReadInterest reading;
    private final QueueBudget budget;
    private final long maxPendingBytes;

    InboundBacklog(ReadInterest reading, QueueBudget budget, long maxPendingBytes) {
        this.reading = reading;
        this.budget = budget;
        this.maxPendingBytes = maxPendingBytes;
    }

    void admit(long size) {
        PENDING.getAndAdd(this, size);
        budget.addInbound(size);
        reading.update(ReadInterest.Reason.INBOUND, this);
    }

    void release(long size) {
        PENDING.getAndAdd(this, -size);
        budget.addInbound(-size);
        reading.update(ReadInterest.Reason.INBOUND, this);
    }

    /** The inbound side's decision for {@link ReadInterest}; the backlog is its own, one object fewer. */
    @Override
    public Boolean decide(boolean held) {
        long now = pending;
        boolean overBudget = now > 0 && budget.exceeded();
        if (!held) {
            return now > maxPendingBytes || overBudget ? Boolean.TRUE : null;
        }
        return now <= maxPendingBytes / 2 && !overBudget ? Boolean.FALSE : null;
    }
}
