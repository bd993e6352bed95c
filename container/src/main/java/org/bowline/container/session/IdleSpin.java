package org.bowline.container.session;

/**
 * How long a session worker that has run out of work keeps looking for more before it parks. Parking and
 * being woken cost the worker two system calls and the waking thread a third, and a scheduler round trip (a
 * round trip of 32 B on one connection: 26 µs with parking, 15–20 µs with looking, on the benchmarks' VM
 * with the server on one core). Looking only pays when work comes
 * back soon, so each worker learns from the gaps it sees: it looks for {@code maxNanos} while its recent
 * gaps average less than that, and parks at once while they are longer (sporadic traffic costs no CPU).
 * One per worker, used only by its thread.
 *
 * <p>Looking yields the core between looks, and that only pays while nothing else wants the core for long.
 * Beside a thread that keeps the core busy (another process, or more threads than cores), a yield can give
 * the core away for milliseconds, and a task counted on this worker meanwhile waits until it has the core
 * again, where a parked worker would have been woken: with a busy loop on the server's core, ping-pong p99
 * was 4.06 / 4.05 ms looking against 2.83 / 2.62 ms parking. So a yield that comes back later than
 * {@link #HELD_UP_FACTOR} times the spin makes the worker park at once for the next
 * {@link #SHARED_CORE_BACK_OFF_NANOS}, then look again.
 */
final class IdleSpin {

    /** A yield longer than this many times the spin means another thread had the core. */
    static final int HELD_UP_FACTOR = 10;
    /** How long a worker that found its core shared parks at once before it looks again. */
    static final long SHARED_CORE_BACK_OFF_NANOS = 100_000_000;

    private final long maxNanos;
    /** Exponentially weighted (1/8 per gap), each gap counted as at most four times maxNanos. */
    private long averageGap;
    private boolean backingOff;
    /** Until when it parks at once, when {@link #backingOff}: another thread held the core from it. */
    private long backOffUntil;

    IdleSpin(long maxNanos) {
        if (maxNanos < 0) {
            throw new IllegalArgumentException("spin time must not be negative, was " + maxNanos);
        }
        this.maxNanos = maxNanos;
    }

    /**
     * How long to look for work before parking, at {@code now}: maxNanos while gaps have been shorter, else 0;
     * 0 as well while it backs off from a shared core.
     */
    long nanos(long now) {
        if (backingOff) {
            if (now - backOffUntil < 0) {
                return 0;
            }
            backingOff = false;
        }
        return averageGap < maxNanos ? maxNanos : 0;
    }

    /**
     * A yield while looking came back {@code yieldNanos} after it began, at {@code now}; true when that was so
     * late that the core is shared with a thread that keeps it (stop looking: it backs off from now on).
     */
    boolean heldUp(long yieldNanos, long now) {
        if (yieldNanos <= HELD_UP_FACTOR * maxNanos) {
            return false;
        }
        backingOff = true;
        backOffUntil = now + SHARED_CORE_BACK_OFF_NANOS;
        return true;
    }

    /** Work came back after {@code gapNanos} without any, spent looking, parked or both. */
    void workCameAfter(long gapNanos) {
        long gap = Math.min(Math.max(gapNanos, 0), 4 * maxNanos);
        averageGap += (gap - averageGap) >> 3;
    }
}
