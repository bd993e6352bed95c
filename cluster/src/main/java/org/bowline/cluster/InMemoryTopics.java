package org.bowline.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Topics on one node, no broker: the default when an application runs on one machine. */
public final class InMemoryTopics extends RegistryTopics {

    /** How often subscribers whose sessions closed without {@link #leaveAll} are removed. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ScheduledExecutorService sweeper;

    public InMemoryTopics() {
        this(SubscriberLimits.defaults());
    }

    public InMemoryTopics(SubscriberLimits limits) {
        super(limits);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bowline-topics-sweep"));
        long every = DEFAULT_SWEEP_INTERVAL.toMillis();
        sweeper.scheduleWithFixedDelay(registry::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    void topicsChanged() {
        // one node: nothing beyond the registry follows its topics
    }

    @Override
    CompletableFuture<Void> subscribed(String topic) {
        return DONE;
    }

    @Override
    CompletableFuture<Void> publishText(String topic, String text) {
        registry.deliver(topic, Message.text(text, Utf8.length(text)));
        return DONE;
    }

    @Override
    CompletableFuture<Void> publishBinary(String topic, byte[] data) {
        registry.deliver(topic, Message.binary(data, 0, data.length));
        return DONE;
    }

    @Override
    public TopicStats stats() {
        return counters.snapshot(true);
    }

    @Override
    void release() {
        sweeper.shutdownNow();
    }
}
