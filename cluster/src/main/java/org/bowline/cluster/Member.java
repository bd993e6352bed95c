package org.bowline.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber as the registry knows it: its topics, and what is under way to it, which the
 * slow-subscriber policy bounds.
 */
final class Member {

    static final int POLICY_VIOLATION = 1008;

    final Subscriber subscriber;
    final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final SubscriberLimits limits;
    private final Counters counters;
    private final TopicRegistry registry;
    private final AtomicInteger pendingMessages = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();

    Member(Subscriber subscriber, SubscriberLimits limits, Counters counters, TopicRegistry registry) {
        this.subscriber = subscriber;
        this.limits = limits;
        this.counters = counters;
        this.registry = registry;
    }

    /** Sends the message unless the subscriber is gone or has too much under way already. */
    void offer(Message message) {
        if (closing.get()) {
            counters.dropped.increment();
            return;
        }
        if (!subscriber.isOpen()) {
            registry.leaveAll(subscriber);
            return;
        }
        long size = message.size();
        int messages = pendingMessages.incrementAndGet();
        long bytes = pendingBytes.addAndGet(size);
        if (messages > limits.maxPendingMessages() || (bytes > limits.maxPendingBytes() && messages > 1)) {
            settle(size);
            tooSlow(messages - 1 + " messages (" + (bytes - size) + " bytes) still on their way to it");
            return;
        }
        message.sendTo(subscriber, failure -> sent(size, failure));
    }

    private void sent(long size, Throwable failure) {
        settle(size);
        if (failure == null) {
            counters.delivered.increment();
        } else if (subscriber.isOpen()) {
            // The connection refused it (its outbound queue is full) or timed it out.
            tooSlow(String.valueOf(failure.getMessage()));
        } else {
            registry.leaveAll(subscriber);
        }
    }

    private void settle(long size) {
        pendingMessages.decrementAndGet();
        pendingBytes.addAndGet(-size);
    }

    private void tooSlow(String why) {
        if (limits.whenFull() == SlowSubscriberPolicy.DROP || !closing.compareAndSet(false, true)) {
            counters.dropped.increment();
            return;
        }
        counters.closedSlow.increment();
        counters.dropped.increment();
        registry.leaveAll(subscriber);
        TopicRegistry.LOG.log(System.Logger.Level.INFO, "Closing slow subscriber {0} with 1008: {1}", subscriber, why);
        // At most 123 bytes of reason fit in a close frame; this one is ASCII.
        subscriber.close(POLICY_VIOLATION, "Too slow: messages for this connection piled up");
    }
}
