package org.bowline.container.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A server-wide budget for the bytes held on behalf of peers: outbound bytes queued on connections and not
 * yet taken by their sockets, plus inbound messages received and not yet consumed by their endpoints.
 *
 * <p>Each session has its own limits too ({@code SessionLimits}); this budget stops the sum from growing with
 * the number of bad peers. Past it, a session that already has bytes waiting stops reading (received
 * messages waiting) or may queue no more (output waiting) until that backlog drains; a session whose queues
 * are empty may always take or send one message, so honest peers are still served. So the held total stays
 * under {@code limit} plus, at worst, one message and one write-water-mark's worth per session whose backlog
 * was empty when the budget ran out.
 *
 * <p>Transports add to the outbound gauge as writes are queued and taken away as sockets accept them; sessions
 * add to the inbound gauge. The gauges are exact, the check is a cheap read: no lock.
 */
public final class QueueBudget {

    /** Counts nothing and is never exceeded: for connections outside a server (tests, in-memory pairs). */
    public static final QueueBudget NONE = new QueueBudget(Long.MAX_VALUE, false);

    /** The default server-wide budget: 64 MiB. */
    public static final long DEFAULT_LIMIT = 64L << 20;

    private final long limit;
    private final boolean counting;
    private final AtomicLong outbound = new AtomicLong();
    private final AtomicLong inbound = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    /** @param limit bytes, {@code > 0} */
    public QueueBudget(long limit) {
        this(limit, true);
        if (limit <= 0) {
            throw new IllegalArgumentException("queue budget must be > 0 bytes, was " + limit);
        }
    }

    private QueueBudget(long limit, boolean counting) {
        this.limit = limit;
        this.counting = counting;
    }

    public long limit() {
        return limit;
    }

    /** A transport queued ({@code delta > 0}) or wrote / dropped ({@code delta < 0}) outbound bytes. */
    public void addOutbound(long delta) {
        if (counting && delta != 0) {
            notePeak(outbound.addAndGet(delta) + inbound.get());
        }
    }

    /** A session received ({@code delta > 0}) or its endpoint consumed ({@code delta < 0}) a message. */
    public void addInbound(long delta) {
        if (counting && delta != 0) {
            notePeak(inbound.addAndGet(delta) + outbound.get());
        }
    }

    private void notePeak(long total) {
        long p = peak.get();
        while (total > p && !peak.compareAndSet(p, total)) {
            p = peak.get();
        }
    }

    /** Outbound bytes queued on the transports and not yet written to their sockets. */
    public long outboundBytes() {
        return outbound.get();
    }

    /** Inbound message bytes received and not yet consumed by the endpoints. */
    public long inboundBytes() {
        return inbound.get();
    }

    public long heldBytes() {
        return outbound.get() + inbound.get();
    }

    /** The largest {@link #heldBytes()} seen since creation or the last {@link #resetPeak()}. */
    public long peakBytes() {
        return peak.get();
    }

    public void resetPeak() {
        peak.set(heldBytes());
    }

    /** Whether the held bytes are over the limit: sessions with a backlog must stop taking more. */
    public boolean exceeded() {
        return counting && outbound.get() + inbound.get() > limit;
    }

    @Override
    public String toString() {
        return "QueueBudget[limit=" + limit + ", outbound=" + outbound.get() + ", inbound=" + inbound.get()
                + ", peak=" + peak.get() + "]";
    }
}
