package org.bowline.cluster;

import java.util.concurrent.CompletableFuture;

import jakarta.websocket.Session;

/**
 * Named topics that WebSocket sessions subscribe to, and broadcast to every subscriber of a topic:
 * on this node only ({@link InMemoryTopics}) or on every node that shares a Redis server
 * ({@link RedisTopics}).
 *
 * <p>Guarantees, for the subscribers of one node: a published message reaches each subscriber of
 * its topic once (subscribing twice changes nothing), and the messages of one publishing thread
 * reach each subscriber in the order they were published. A subscriber that does not keep up is
 * dropped from or closed with 1008 per its {@link SubscriberLimits}. Across nodes, delivery is
 * only as good as Redis pub/sub: at most once (see {@link RedisTopics}).
 *
 * <p>A subscriber leaves its topics when it is unsubscribed, when {@link #leaveAll} is called (from
 * the endpoint's {@code @OnClose}, say), and by itself once its session is found closed: at the next
 * delivery to it or the next periodic sweep, whichever comes first.
 */
public interface Topics extends AutoCloseable {

    /** Longest topic name, in characters. */
    int MAX_TOPIC_LENGTH = 256;

    /**
     * Subscribes {@code subscriber} to {@code topic}; messages published afterwards on this node
     * reach it at once.
     *
     * @return completes when messages published on other nodes reach it too (at once for
     *         {@link InMemoryTopics}; for {@link RedisTopics} once the node is subscribed on Redis,
     *         which may be after a reconnect)
     * @throws IllegalArgumentException if the topic name is empty, too long or has control characters
     * @throws IllegalStateException if these topics are closed
     */
    CompletableFuture<Void> subscribe(String topic, Subscriber subscriber);

    /** Subscribes a Jakarta WebSocket session: {@code subscribe(topic, Subscriber.of(session))}. */
    default CompletableFuture<Void> subscribe(String topic, Session session) {
        return subscribe(topic, Subscriber.of(session));
    }

    /** @return true if the subscriber was subscribed to the topic */
    boolean unsubscribe(String topic, Subscriber subscriber);

    default boolean unsubscribe(String topic, Session session) {
        return unsubscribe(topic, Subscriber.of(session));
    }

    /** Unsubscribes the subscriber from all its topics; call it from the endpoint's onClose. */
    void leaveAll(Subscriber subscriber);

    default void leaveAll(Session session) {
        leaveAll(Subscriber.of(session));
    }

    /**
     * Sends a text message to every subscriber of {@code topic}. Subscribers on this node get it
     * before this method returns (queued on their connections, not yet written).
     *
     * @return completes when the message was handed to every node (at once for
     *         {@link InMemoryTopics}); fails with a {@link PublishFailedException} when it could not
     *         be, in which case this node's subscribers still got it
     */
    CompletableFuture<Void> publish(String topic, String text);

    /** Sends a binary message; the array is not copied and must not change afterwards. */
    CompletableFuture<Void> publish(String topic, byte[] data);

    /** How many subscribers the topic has on this node. */
    int localSubscribers(String topic);

    /** The counters since these topics were created. */
    TopicStats stats();

    /** Stops: subscribers are forgotten (not closed), later calls fail with IllegalStateException. */
    @Override
    void close();

    /**
     * Checks a topic name: 1 to {@value #MAX_TOPIC_LENGTH} characters, no control characters.
     *
     * @return the name
     */
    static String checkTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("Topic name must not be " + (topic == null ? "null" : "empty"));
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("Topic name is " + topic.length() + " characters long; at most "
                    + MAX_TOPIC_LENGTH + " are allowed");
        }
        for (int i = 0; i < topic.length(); i++) {
            if (Character.isISOControl(topic.charAt(i))) {
                throw new IllegalArgumentException("Topic name has a control character (U+"
                        + String.format("%04X", (int) topic.charAt(i)) + ") at index " + i);
            }
        }
        return topic;
    }
}
