package org.bowline.container.session;

/**
 * How long a session worker that has run out of work keeps looking for more before it parks. Parking and
 * being woken cost the worker two system calls and the waking thread a third, and a scheduler round trip (a
 * round trip of 32 B on one connection: 26 µs with parking, 15–20 µs with looking, on the benchmarks' VM
 * with the server on one core). Looking only pays when work comes
 * back soon, so each worker learns from the gaps it sees: it looks for {@code maxNanos} while its recent
 * gaps average less than that, and parks at once while they are longer (sporadic traffic costs no CPU).
 * One per worker, used only by its thread.
 */
final class IdleSpin {

    private final long maxNanos;
    /** Exponentially weighted (1/8 per gap), each gap counted as at most four times maxNanos. */
    private long averageGap;

    IdleSpin(long maxNanos) {
        if (maxNanos < 0) {
            throw new IllegalArgumentException("spin time must not be negative, was " + maxNanos);
        }
        this.maxNanos = maxNanos;
    }

    /** How long to look for work before parking: maxNanos while gaps have been shorter, else 0. */
    long nanos() {
        return averageGap < maxNanos ? maxNanos : 0;
    }

    /** Work came back after {@code gapNanos} without any, spent looking, parked or both. */
    void workCameAfter(long gapNanos) {
        long gap = Math.min(Math.max(gapNanos, 0), 4 * maxNanos);
        averageGap += (gap - averageGap) >> 3;
    }
}
