package org.bowline.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * This node's link to Redis: a subscriber connection and a publisher connection (a connection in
 * subscribe mode cannot publish), made again with back-off whenever either is lost, and the
 * channels subscribed kept equal to the topics that have subscribers on this node.
 *
 * <p>Every change of state runs on one thread, the link's own, so connecting, losing and
 * resubscribing never race each other. Lettuce's own reconnection is off: after a reconnect the
 * subscriptions must be those of the topics that have subscribers now (not when the link was
 * lost), and a publish while the link is down must fail at once rather than wait in a buffer.
 */
final class RedisLink {

    private static final System.Logger LOG = System.getLogger(RedisLink.class.getName());
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    enum State {
        /** Trying to connect for the first time, or again after a back-off delay. */
        CONNECTING,
        CONNECTED,
        /** Lost or never reached; the next attempt is scheduled. */
        WAITING,
        CLOSED
    }

    private final RedisClient client;
    private final RedisURI uri;
    private final String where;
    private final String prefix;
    private final Backoff backoff;
    private final Counters counters;
    private final Supplier<Set<String>> wanted;
    private final BiConsumer<String, byte[]> received;
    private final ScheduledExecutorService thread;

    // Owned by the link's thread.
    private State state = State.CONNECTING;
    private int attempt;
    private boolean everConnected;
    private final Set<String> requested = new HashSet<>();

    // Read from any thread.
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
    private volatile StatefulRedisConnection<byte[], byte[]> publisher;
    private volatile boolean connected;
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();

    /**
     * @param wanted   the topics that have subscribers on this node now
     * @param received called on Lettuce's I/O thread, in Redis's order, with each topic and envelope
     */
    RedisLink(RedisClient client, RedisURI uri, String prefix, Backoff backoff, Counters counters,
              Supplier<Set<String>> wanted, BiConsumer<String, byte[]> received) {
        this.client = client;
        this.uri = uri;
        this.where = "redis://" + uri.getHost() + ":" + uri.getPort();
        this.prefix = prefix;
        this.backoff = backoff;
        this.counters = counters;
        this.wanted = wanted;
        this.received = received;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("bowline-redis-link"));
        executor.setRemoveOnCancelPolicy(true);
        this.thread = executor;
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                onLink(() -> lost(connection, "the connection closed"));
            }
        });
    }

    void start() {
        onLink(this::attempt);
    }

    String where() {
        return where;
    }

    boolean connected() {
        return connected;
    }

    CompletableFuture<Void> firstConnect() {
        return firstConnect;
    }

    /** Runs on the link's thread; the task is dropped once the link is closed. */
    void onLink(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            // closed: nothing left to do
        }
    }

    void every(long millis, Runnable task) {
        thread.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The subscribed channels should change: a topic got its first subscriber or lost its last. */
    void topicsChanged() {
        if (reconcileQueued.compareAndSet(false, true)) {
            onLink(() -> {
                reconcileQueued.set(false);
                reconcile();
            });
        }
    }

    /** Completes once Redis confirmed this node's subscription to the topic. */
    CompletableFuture<Void> whenSubscribed(String topic) {
        if (confirmed.contains(topic)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> ready = waiting.computeIfAbsent(topic, t -> new CompletableFuture<>());
        if (confirmed.contains(topic) && waiting.remove(topic, ready)) {
            ready.complete(null);
        }
        topicsChanged();
        return ready;
    }

    CompletableFuture<Void> publish(String topic, byte[] envelope) {
        StatefulRedisConnection<byte[], byte[]> connection = publisher;
        if (!connected || connection == null) {
            counters.publishFailed.increment();
            return CompletableFuture.failedFuture(new PublishFailedException("Not connected to Redis at " + where
                    + ": the message on topic '" + topic + "' reached this node's subscribers only", null));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            connection.async().publish(channel(topic), envelope).whenComplete((receivers, failure) -> {
                if (failure == null) {
                    done.complete(null);
                } else {
                    counters.publishFailed.increment();
                    done.completeExceptionally(new PublishFailedException("Redis at " + where + " did not take the message"
                            + " on topic '" + topic + "' (" + failure.getMessage() + "): it reached this node's"
                            + " subscribers only", failure));
                }
            });
        } catch (RuntimeException e) {
            counters.publishFailed.increment();
            done.completeExceptionally(new PublishFailedException("Publishing to Redis at " + where + " failed ("
                    + e.getMessage() + "): the message on topic '" + topic + "' reached this node's subscribers only", e));
        }
        return done;
    }

    // ---- on the link's thread ----

    private void attempt() {
        if (state == State.CLOSED || state == State.CONNECTED) {
            return;
        }
        state = State.CONNECTING;
        StatefulRedisPubSubConnection<byte[], byte[]> newSubscriber = null;
        StatefulRedisConnection<byte[], byte[]> newPublisher = null;
        try {
            newSubscriber = client.connectPubSub(ByteArrayCodec.INSTANCE, uri);
            newSubscriber.addListener(new Channels(newSubscriber));
            newPublisher = client.connect(ByteArrayCodec.INSTANCE, uri);
        } catch (RuntimeException e) {
            closeQuietly(newSubscriber);
            closeQuietly(newPublisher);
            long delay = backoff.delayMillis(attempt, () -> ThreadLocalRandom.current().nextDouble());
            LOG.log(attempt == 0 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                    "Cannot reach Redis at {0} ({1}); this node delivers locally only; trying again in {2} ms",
                    where, e.getMessage(), delay);
            attempt++;
            state = State.WAITING;
            thread.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
            return;
        }
        subscriber = newSubscriber;
        publisher = newPublisher;
        requested.clear();
        confirmed.clear();
        state = State.CONNECTED;
        connected = true;
        attempt = 0;
        if (everConnected) {
            counters.reconnects.increment();
            LOG.log(System.Logger.Level.INFO, "Reconnected to Redis at {0}", where);
        }
        everConnected = true;
        firstConnect.complete(null);
        reconcile();
    }

    /** Subscribes the topics that have subscribers and unsubscribes those that no longer do. */
    private void reconcile() {
        if (state != State.CONNECTED) {
            return;
        }
        Set<String> now = wanted.get();
        // Whoever waited for a topic that lost its subscribers before Redis confirmed it waits no more.
        waiting.forEach((topic, ready) -> {
            if (!now.contains(topic) && waiting.remove(topic, ready)) {
                ready.complete(null);
            }
        });
        List<byte[]> subscribe = new ArrayList<>();
        List<byte[]> unsubscribe = new ArrayList<>();
        for (String topic : now) {
            if (requested.add(topic)) {
                subscribe.add(channel(topic));
            }
        }
        for (var it = requested.iterator(); it.hasNext();) {
            String topic = it.next();
            if (!now.contains(topic)) {
                it.remove();
                // Forgotten now, not when Redis answers: a subscriber joining meanwhile waits for the new SUBSCRIBE.
                confirmed.remove(topic);
                unsubscribe.add(channel(topic));
            }
        }
        StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
        if (!unsubscribe.isEmpty()) {
            connection.async().unsubscribe(unsubscribe.toArray(new byte[0][])).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.log(System.Logger.Level.DEBUG, "UNSUBSCRIBE on Redis at " + where + " failed", failure);
                }
            });
        }
        if (!subscribe.isEmpty()) {
            connection.async().subscribe(subscribe.toArray(new byte[0][])).whenComplete((ok, failure) -> {
                if (failure != null) {
                    // A timeout, most likely: ask again (SUBSCRIBE is idempotent) unless the link is being remade anyway.
                    LOG.log(System.Logger.Level.WARNING, "SUBSCRIBE on Redis at {0} failed ({1}); trying again",
                            where, failure.getMessage());
                    onLink(() -> {
                        if (connection == subscriber) {
                            requested.removeIf(topic -> !confirmed.contains(topic));
                            reconcile();
                        }
                    });
                }
            });
        }
    }

    /** Checks the connections in case a close went unnoticed. */
    void check() {
        if (state == State.CONNECTED) {
            StatefulRedisPubSubConnection<byte[], byte[]> s = subscriber;
            StatefulRedisConnection<byte[], byte[]> p = publisher;
            if (!s.isOpen()) {
                lost(s, "the subscriber connection is not open");
            } else if (!p.isOpen()) {
                lost(p, "the publisher connection is not open");
            }
        }
    }

    private void lost(Object connection, String why) {
        if (state != State.CONNECTED || (connection != subscriber && connection != publisher)) {
            return;
        }
        connected = false;
        state = State.WAITING;
        confirmed.clear();
        requested.clear();
        closeQuietly(subscriber);
        closeQuietly(publisher);
        subscriber = null;
        publisher = null;
        long delay = backoff.delayMillis(attempt++, () -> ThreadLocalRandom.current().nextDouble());
        LOG.log(System.Logger.Level.WARNING, "Lost Redis at {0} ({1}); this node delivers locally only"
                + " and publishes fail until it is back; reconnecting in {2} ms", where, why, delay);
        thread.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    void close() {
        try {
            thread.submit(() -> {
                state = State.CLOSED;
                connected = false;
                closeQuietly(subscriber);
                closeQuietly(publisher);
                subscriber = null;
                publisher = null;
            }).get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing the link to Redis at " + where, e);
        }
        thread.shutdownNow();
        IllegalStateException gone = new IllegalStateException("The link to Redis at " + where + " is closed");
        waiting.values().forEach(ready -> ready.completeExceptionally(gone));
        waiting.clear();
        firstConnect.completeExceptionally(gone);
    }

    private byte[] channel(String topic) {
        return (prefix + topic).getBytes(StandardCharsets.UTF_8);
    }

    private static void closeQuietly(StatefulConnection<?, ?> connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing a Redis connection failed", e);
            }
        }
    }

    /** Pub/sub events of one subscriber connection; those of a connection already replaced are ignored. */
    private final class Channels extends RedisPubSubAdapter<byte[], byte[]> {

        private final StatefulRedisPubSubConnection<byte[], byte[]> connection;
        private final byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);

        Channels(StatefulRedisPubSubConnection<byte[], byte[]> connection) {
            this.connection = connection;
        }

        @Override
        public void message(byte[] channel, byte[] envelope) {
            if (connection == subscriber) {
                received.accept(topic(channel), envelope);
            }
        }

        @Override
        public void subscribed(byte[] channel, long count) {
            if (connection != subscriber) {
                return;
            }
            String topic = topic(channel);
            confirmed.add(topic);
            CompletableFuture<Void> ready = waiting.remove(topic);
            if (ready != null) {
                ready.complete(null);
            }
        }

        private String topic(byte[] channel) {
            return new String(channel, prefixBytes.length, channel.length - prefixBytes.length, StandardCharsets.UTF_8);
        }
    }
}
