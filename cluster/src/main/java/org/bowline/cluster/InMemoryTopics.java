package org.bowline.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Topics on one node, no broker: the default when an application runs on one machine. */
public final class InMemoryTopics implements Topics {

    /** How often subscribers whose sessions closed without {@link #leaveAll} are removed. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Counters counters = new Counters();
    private final TopicRegistry registry;
    private final ScheduledExecutorService sweeper;
    private volatile boolean closed;

    public InMemoryTopics() {
        this(SubscriberLimits.defaults());
    }

    public InMemoryTopics(SubscriberLimits limits) {
        this.registry = new TopicRegistry(limits, counters, () -> { });
        this.sweeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bowline-topics-sweep"));
        long every = DEFAULT_SWEEP_INTERVAL.toMillis();
        sweeper.scheduleWithFixedDelay(registry::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Void> subscribe(String topic, Subscriber subscriber) {
        checkOpen();
        registry.subscribe(topic, subscriber);
        return DONE;
    }

    @Override
    public boolean unsubscribe(String topic, Subscriber subscriber) {
        checkOpen();
        return registry.unsubscribe(topic, subscriber);
    }

    @Override
    public void leaveAll(Subscriber subscriber) {
        checkOpen();
        registry.leaveAll(subscriber);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, String text) {
        checkOpen();
        Topics.checkTopic(topic);
        if (text == null) {
            throw new IllegalArgumentException("Text must not be null");
        }
        counters.published.increment();
        registry.deliver(topic, Message.text(text, Utf8.length(text)));
        return DONE;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] data) {
        checkOpen();
        Topics.checkTopic(topic);
        if (data == null) {
            throw new IllegalArgumentException("Data must not be null");
        }
        counters.published.increment();
        registry.deliver(topic, Message.binary(data, 0, data.length));
        return DONE;
    }

    @Override
    public int localSubscribers(String topic) {
        return registry.subscribers(topic);
    }

    @Override
    public TopicStats stats() {
        return counters.snapshot(true);
    }

    @Override
    public void close() {
        closed = true;
        sweeper.shutdownNow();
        registry.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("These topics are closed");
        }
    }
}
