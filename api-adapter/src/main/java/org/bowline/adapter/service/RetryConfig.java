package org.bowline.adapter.service;

import java.time.Duration;

/**
 * Reconnecting after a failed connect or an abnormal close (1006): attempt {@code k} (from 1) waits
 * {@code interval * backOffFactor^(k-1)}, never more than {@code maxWaitInterval}, and at most
 * {@code maxCount} attempts are made in a row (0 = no limit). A connection that comes back starts
 * the count again.
 */
public record RetryConfig(int maxCount, Duration interval, double backOffFactor, Duration maxWaitInterval) {

    /** Three attempts, one second apart, doubling, at most 30 seconds apart. */
    public static final RetryConfig DEFAULT = new RetryConfig(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));

    public RetryConfig {
        if (maxCount < 0) {
            throw new IllegalArgumentException("retry maxCount must be >= 0 (0 = no limit), was " + maxCount);
        }
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("retry interval must be >= 0, was " + interval);
        }
        if (!(backOffFactor >= 1.0) || Double.isInfinite(backOffFactor)) {
            throw new IllegalArgumentException("retry backOffFactor must be >= 1, was " + backOffFactor);
        }
        if (maxWaitInterval == null || maxWaitInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("retry maxWaitInterval must be >= interval (" + interval + "), was "
                    + maxWaitInterval);
        }
    }

    /** How long to wait before attempt {@code attempt} (1 is the first after the failure). */
    public Duration delayBefore(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + attempt);
        }
        double millis = interval.toMillis() * Math.pow(backOffFactor, attempt - 1);
        long cap = maxWaitInterval.toMillis();
        return Duration.ofMillis(millis >= cap ? cap : Math.round(millis));
    }

    /** Whether attempt {@code attempt} may still be made. */
    public boolean allows(int attempt) {
        return maxCount == 0 || attempt <= maxCount;
    }
}
