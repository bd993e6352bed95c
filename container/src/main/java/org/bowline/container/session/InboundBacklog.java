package org.bowline.container.session;

import java.util.concurrent.atomic.AtomicLong;

import org.bowline.container.io.QueueBudget;

/**
 * Counts what a session has received and its endpoint not yet consumed (messages, pings) against
 * the inbound backlog. A message is always taken whole (the message size limits bound it); what the
 * backlog decides is whether the session reads on after it: not while more than
 * maxInboundPendingBytes wait for the endpoint, nor while any wait and the server's budget is used
 * up. Reading resumes once the backlog is down to half the limit (and, past the budget, empty).
 */
final class InboundBacklog {

    private final AtomicLong pending = new AtomicLong();
    private final ReadInterest reading;
    private final QueueBudget budget;
    private final long maxPendingBytes;
    private final ReadInterest.Decision decision = this::decide;

    InboundBacklog(ReadInterest reading, QueueBudget budget, long maxPendingBytes) {
        this.reading = reading;
        this.budget = budget;
        this.maxPendingBytes = maxPendingBytes;
    }

    void admit(long size) {
        pending.addAndGet(size);
        budget.addInbound(size);
        reading.update(ReadInterest.Reason.INBOUND, decision);
    }

    void release(long size) {
        pending.addAndGet(-size);
        budget.addInbound(-size);
        reading.update(ReadInterest.Reason.INBOUND, decision);
    }

    private Boolean decide(boolean held) {
        long now = pending.get();
        boolean overBudget = now > 0 && budget.exceeded();
        if (!held) {
            return now > maxPendingBytes || overBudget ? Boolean.TRUE : null;
        }
        return now <= maxPendingBytes / 2 && !overBudget ? Boolean.FALSE : null;
    }
}
