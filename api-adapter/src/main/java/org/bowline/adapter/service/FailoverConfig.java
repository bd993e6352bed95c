package org.bowline.adapter.service;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Failover: when a connect fails or the connection closes abnormally (1006), the client moves on
 * to the next of {@code targets} (after the last, back to the first), waiting {@code interval}
 * first. Without a {@link RetryConfig} it gives up once every target failed to connect in a row;
 * with one, the retry's count and back-off decide when and how often, and the targets rotate.
 */
public record FailoverConfig(List<String> targets, Duration interval) {

    public FailoverConfig {
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("failover needs at least one target URL");
        }
        targets = List.copyOf(targets);
        for (String target : targets) {
            URI uri = URI.create(target);
            if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("failover target " + target + " is not a ws:// or wss:// URL");
            }
        }
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("failover interval must be >= 0, was " + interval);
        }
    }

    public static FailoverConfig of(Duration interval, String... targets) {
        return new FailoverConfig(List.of(targets), interval);
    }
}
