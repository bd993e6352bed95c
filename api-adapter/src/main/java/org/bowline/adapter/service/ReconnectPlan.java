package org.bowline.adapter.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and when a client connects again, from its retry and failover settings; immutable. After a
 * failure ({@code initial}: the very first connect failed; otherwise an abnormal close), attempt
 * {@code k} counts from 1. Retry alone: the same URL, after {@link RetryConfig#delayBefore}, at most
 * {@code maxCount} attempts. Failover alone: the next target each time, after the failover interval,
 * until every target failed once in a row. Both: targets rotate, retry decides delay and count.
 */
final class ReconnectPlan {

    private final List<String> targets;
    private final RetryConfig retry;
    private final FailoverConfig failover;

    ReconnectPlan(String url, RetryConfig retry, FailoverConfig failover) {
        List<String> all = new ArrayList<>();
        all.add(url);
        if (failover != null) {
            for (String target : failover.targets()) {
                if (!all.contains(target)) {
                    all.add(target);
                }
            }
        }
        this.targets = List.copyOf(all);
        this.retry = retry;
        this.failover = failover;
    }

    /** The client's URL first, then the failover targets it does not repeat. */
    List<String> targets() {
        return targets;
    }

    /** Whether anything is ever attempted again. */
    boolean reconnects() {
        return retry != null || failover != null && targets.size() > 1;
    }

    /** Whether attempt {@code attempt} is made. */
    boolean allows(int attempt, boolean initial) {
        if (retry != null) {
            return retry.allows(attempt);
        }
        if (failover != null) {
            return attempt <= targets.size() - (initial ? 1 : 0);
        }
        return false;
    }

    Duration delayBefore(int attempt) {
        return retry != null ? retry.delayBefore(attempt) : failover.interval();
    }

    /** The target of the attempt after one to {@code current}. */
    int next(int current) {
        return failover == null ? current : (current + 1) % targets.size();
    }
}
