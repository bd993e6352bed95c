package org.bowline.cluster;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;

/**
 * Topics shared by every node connected to the same Redis server, over Redis pub/sub (one channel
 * per topic, named {@code prefix + topic}).
 *
 * <p>A message published on this node goes to this node's subscribers directly, without a round
 * trip through Redis, and to Redis for the other nodes; when Redis hands it back to this node it
 * is recognised by the node id it carries and not delivered again. A node subscribes on Redis
 * only to the topics that have subscribers on it.
 *
 * <p>Redis pub/sub is at-most-once: a message published while a node is disconnected from Redis
 * never reaches that node's subscribers, and Redis stores nothing for later. While Redis is
 * unreachable this node keeps delivering what is published on it to its own subscribers; its
 * publishes fail with {@link PublishFailedException} (the other nodes did not get them); the
 * link is made again with back-off, and the topics that still have subscribers are subscribed
 * again. Nothing is delivered twice: there is one subscriber connection at a time.
 */
public final class RedisTopics extends RegistryTopics {

    private static final System.Logger LOG = System.getLogger(RedisTopics.class.getName());

    private final UUID nodeId;
    private final byte[] nodeIdBytes;
    private final RedisClient client;
    private final RedisLink link;

    private RedisTopics(Builder builder, RedisURI uri) {
        super(builder.limits);
        this.nodeId = UUID.randomUUID();
        this.nodeIdBytes = Envelope.nodeId(nodeId);
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(builder.timeout).keepAlive(true).tcpNoDelay(true).build())
                .timeoutOptions(TimeoutOptions.enabled(builder.timeout))
                .build());
        this.link = new RedisLink(client, uri, builder.channelPrefix, builder.backoff, counters,
                registry::activeTopics, this::received);
        long sweep = builder.sweepInterval.toMillis();
        link.every(sweep, () -> {
            registry.sweep();
            link.check();
        });
        link.start();
    }

    /**
     * @param redisUri {@code redis://[[user:]password@]host[:port][/database]}, or {@code rediss://} for TLS
     */
    public static Builder builder(String redisUri) {
        return new Builder(redisUri);
    }

    /** The id this node's messages carry, random per instance. */
    public UUID nodeId() {
        return nodeId;
    }

    /**
     * Waits until the link to Redis is up for the first time.
     *
     * @return false if it was not up within the timeout (it keeps trying)
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        try {
            link.firstConnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Where this node's Redis is, without credentials. */
    public String redis() {
        return link.where();
    }

    @Override
    void topicsChanged() {
        link.topicsChanged();
    }

    @Override
    CompletableFuture<Void> subscribed(String topic) {
        return link.whenSubscribed(topic);
    }

    @Override
    CompletableFuture<Void> publishText(String topic, String text) {
        byte[] envelope = Envelope.text(nodeIdBytes, text);
        registry.deliver(topic, Message.text(text, envelope.length - Envelope.HEADER));
        return link.publish(topic, envelope);
    }

    @Override
    CompletableFuture<Void> publishBinary(String topic, byte[] data) {
        registry.deliver(topic, Message.binary(data, 0, data.length));
        return link.publish(topic, Envelope.binary(nodeIdBytes, data));
    }

    /** A message from Redis: another node's goes to this node's subscribers, this node's own is skipped. */
    private void received(String topic, byte[] envelope) {
        if (!Envelope.valid(envelope)) {
            LOG.log(System.Logger.Level.DEBUG, "Ignored a message on topic ''{0}'' that no Bowline node sent", topic);
            return;
        }
        if (Envelope.from(envelope, nodeIdBytes)) {
            counters.ownSkipped.increment();
            return;
        }
        counters.received.increment();
        registry.deliver(topic, Envelope.open(envelope));
    }

    @Override
    public TopicStats stats() {
        return counters.snapshot(link.connected());
    }

    @Override
    void release() {
        link.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** Settings of a {@link RedisTopics}; {@link #build()} starts connecting and returns at once. */
    public static final class Builder {

        private final String redisUri;
        private String channelPrefix = "bowline:topic:";
        private SubscriberLimits limits = SubscriberLimits.defaults();
        private Backoff backoff = Backoff.defaults();
        private Duration timeout = Duration.ofSeconds(2);
        private Duration sweepInterval = InMemoryTopics.DEFAULT_SWEEP_INTERVAL;

        private Builder(String redisUri) {
            if (redisUri == null || redisUri.isBlank()) {
                throw new IllegalArgumentException("Redis URI must not be empty (e.g. redis://127.0.0.1:6379)");
            }
            this.redisUri = redisUri;
        }

        /** Prefix of the Redis channel names, so several applications can share a Redis (default {@code bowline:topic:}). */
        public Builder channelPrefix(String prefix) {
            if (prefix == null) {
                throw new IllegalArgumentException("Channel prefix must not be null");
            }
            this.channelPrefix = prefix;
            return this;
        }

        public Builder limits(SubscriberLimits limits) {
            if (limits == null) {
                throw new IllegalArgumentException("SubscriberLimits must not be null");
            }
            this.limits = limits;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            if (backoff == null) {
                throw new IllegalArgumentException("Backoff must not be null");
            }
            this.backoff = backoff;
            return this;
        }

        /** Connect and command timeout towards Redis (default 2 s). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("Timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** How often closed sessions are unsubscribed and the link is checked (default 1 s). */
        public Builder sweepInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("Sweep interval must be positive, was " + interval);
            }
            this.sweepInterval = interval;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the URI is not a Redis URI
         */
        public RedisTopics build() {
            RedisURI uri;
            try {
                uri = RedisURI.create(redisUri);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Not a Redis URI: '" + redisUri + "' (" + e.getMessage() + ")", e);
            }
            uri.setTimeout(timeout);
            return new RedisTopics(this, uri);
        }
    }
}
