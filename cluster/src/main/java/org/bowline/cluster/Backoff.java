package org.bowline.cluster;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between attempts to reach Redis again: exponential from {@code initial}, capped at
 * {@code max}, each drawn at random from its upper half, so that the nodes of a cluster do not all
 * knock at once when Redis comes back.
 *
 * @param initial    the delay before the first attempt after the link is lost
 * @param max        the longest delay
 * @param multiplier how much each delay grows over the one before, at least 1
 */
public record Backoff(Duration initial, Duration max, double multiplier) {

    /** 100 ms, doubling, at most 5 s. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0);
    }

    public Backoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial back-off must be positive, was " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max back-off must be at least initial (" + initial + "), was " + max);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("back-off multiplier must be at least 1, was " + multiplier);
        }
    }

    /**
     * @param attempt 0 for the first attempt after a loss
     * @param random  a number in [0, 1)
     * @return the delay before that attempt, in milliseconds
     */
    public long delayMillis(int attempt, DoubleSupplier random) {
        double ceiling = Math.min(max.toMillis(), initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt)));
        double jittered = ceiling / 2 + random.getAsDouble() * ceiling / 2;
        return Math.max(1, Math.round(jittered));
    }
}
