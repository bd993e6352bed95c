package org.bowline.cluster;

import java.util.concurrent.CompletableFuture;

/**
 * What every {@link Topics} shares: this node's subscribers in a {@link TopicRegistry}, the counters,
 * the argument checks, and being closed once. An implementation adds only how a publish leaves the
 * node and what a subscription waits for.
 */
abstract class RegistryTopics implements Topics {

    final Counters counters = new Counters();
    final TopicRegistry registry;
    private volatile boolean closed;

    RegistryTopics(SubscriberLimits limits) {
        this.registry = new TopicRegistry(limits, counters, this::topicsChanged);
    }

    /** The set of topics with local subscribers changed (called by the registry, not under its lock). */
    abstract void topicsChanged();

    /** What {@link #subscribe} returns once the subscriber is registered locally. */
    abstract CompletableFuture<Void> subscribed(String topic);

    /** Sends a checked, counted text publish beyond this node (its local subscribers are served here). */
    abstract CompletableFuture<Void> publishText(String topic, String text);

    /** Sends a checked, counted binary publish beyond this node (its local subscribers are served here). */
    abstract CompletableFuture<Void> publishBinary(String topic, byte[] data);

    /** Releases what the implementation holds; called once, by the first {@link #close()}. */
    abstract void release();

    @Override
    public final CompletableFuture<Void> subscribe(String topic, Subscriber subscriber) {
        checkOpen();
        registry.subscribe(topic, subscriber);
        return subscribed(topic);
    }

    @Override
    public final boolean unsubscribe(String topic, Subscriber subscriber) {
        checkOpen();
        return registry.unsubscribe(topic, subscriber);
    }

    @Override
    public final void leaveAll(Subscriber subscriber) {
        checkOpen();
        registry.leaveAll(subscriber);
    }

    @Override
    public final CompletableFuture<Void> publish(String topic, String text) {
        checkOpen();
        Topics.checkTopic(topic);
        if (text == null) {
            throw new IllegalArgumentException("Text must not be null");
        }
        counters.published.increment();
        return publishText(topic, text);
    }

    @Override
    public final CompletableFuture<Void> publish(String topic, byte[] data) {
        checkOpen();
        Topics.checkTopic(topic);
        if (data == null) {
            throw new IllegalArgumentException("Data must not be null");
        }
        counters.published.increment();
        return publishBinary(topic, data);
    }

    @Override
    public final int localSubscribers(String topic) {
        return registry.subscribers(topic);
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        registry.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("These topics are closed");
        }
    }
}
