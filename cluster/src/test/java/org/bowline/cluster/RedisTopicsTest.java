package org.bowline.cluster;

import static org.bowline.cluster.SessionTopicsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes in this JVM sharing a real redis-server. */
class RedisTopicsTest {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.startOrSkip();
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.close();
        }
    }

    private static RedisTopics node(String uri) {
        return RedisTopics.builder(uri)
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 2.0))
                .sweepInterval(Duration.ofMillis(100))
                .build();
    }

    @Test
    void aMessageReachesTheOtherNodeAndThisNodesSubscribersOnlyOnce() throws Exception {
        try (RedisTopics a = node(redis.uri()); RedisTopics b = node(redis.uri())) {
            RecordingSubscriber onA = new RecordingSubscriber(false);
            RecordingSubscriber onB = new RecordingSubscriber(false);
            a.subscribe("news", onA).get(5, TimeUnit.SECONDS);
            b.subscribe("news", onB).get(5, TimeUnit.SECONDS);

            a.publish("news", "from a").get(5, TimeUnit.SECONDS);
            b.publish("news", "from b".getBytes()).get(5, TimeUnit.SECONDS);

            // Once each node has seen its own message come back from Redis (and skipped it), no second copy can follow.
            awaitTrue(() -> a.stats().ownSkipped() == 1 && b.stats().ownSkipped() == 1, "both echoes came back");
            awaitTrue(() -> onA.messages().size() == 2 && onB.messages().size() == 2, "both messages arrived");
            // Two publishers: each subscriber gets both, in either order.
            assertEquals(Set.of("from a", "binary:from b"), Set.copyOf(onA.messages()));
            assertEquals(Set.of("from a", "binary:from b"), Set.copyOf(onB.messages()));
            assertEquals(1, a.stats().received());
            assertEquals(1, b.stats().received());
        }
    }

    @Test
    void aNodeSubscribesOnRedisOnlyToTopicsThatHaveSubscribersOnIt() throws Exception {
        try (RedisTopics a = node(redis.uri())) {
            RecordingSubscriber one = new RecordingSubscriber(false);
            RecordingSubscriber two = new RecordingSubscriber(false);
            a.subscribe("only-here", one).get(5, TimeUnit.SECONDS);
            a.subscribe("only-here", two).get(5, TimeUnit.SECONDS);
            assertEquals(1, redis.subscribers("bowline:topic:only-here"), "one Redis subscription per node, not per subscriber");

            a.unsubscribe("only-here", one);
            assertEquals(1, redis.subscribers("bowline:topic:only-here"));
            a.leaveAll(two);
            awaitTrue(() -> numsub("bowline:topic:only-here") == 0, "the node unsubscribed on Redis");
        }
    }

    @Test
    void whenRedisIsUnreachablePublishesFailVisiblyAndLocalDeliveryGoesOn() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (RedisTopics lonely = node("redis://127.0.0.1:" + closedPort)) {
            RecordingSubscriber local = new RecordingSubscriber(false);
            lonely.subscribe("news", local);

            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> lonely.publish("news", "still local").get(5, TimeUnit.SECONDS));

            assertInstanceOf(PublishFailedException.class, failed.getCause());
            assertTrue(failed.getCause().getMessage().contains("127.0.0.1:" + closedPort), failed.getCause().getMessage());
            assertEquals(List.of("still local"), local.messages());
            assertEquals(1, lonely.stats().publishFailed());
        }
    }

    @Test
    void afterRedisRestartsTheNodesResubscribeWhatStillHasSubscribersAndNothingComesTwice() throws Exception {
        try (RedisTopics a = node(redis.uri()); RedisTopics b = node(redis.uri())) {
            RecordingSubscriber onA = new RecordingSubscriber(false);
            RecordingSubscriber kept = new RecordingSubscriber(false);
            RecordingSubscriber leaves = new RecordingSubscriber(false);
            a.subscribe("kept", onA).get(5, TimeUnit.SECONDS);
            b.subscribe("kept", kept).get(5, TimeUnit.SECONDS);
            b.subscribe("dropped", leaves).get(5, TimeUnit.SECONDS);

            redis.stop();
            awaitTrue(() -> !a.stats().connected() && !b.stats().connected(), "both nodes saw Redis go");
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> a.publish("kept", "during").get(5, TimeUnit.SECONDS));
            assertInstanceOf(PublishFailedException.class, failed.getCause());
            // While Redis is away: one topic loses its subscriber, another gains its first.
            b.leaveAll(leaves);
            RecordingSubscriber joined = new RecordingSubscriber(false);
            var joinedReady = b.subscribe("joined", joined);

            redis.start();
            joinedReady.get(10, TimeUnit.SECONDS);
            a.subscribe("kept", onA).get(10, TimeUnit.SECONDS);
            b.subscribe("kept", kept).get(10, TimeUnit.SECONDS);
            assertEquals(1, a.stats().reconnects());
            assertEquals(1, b.stats().reconnects());
            assertEquals(2, redis.subscribers("bowline:topic:kept"));
            assertEquals(1, redis.subscribers("bowline:topic:joined"));
            assertEquals(0, redis.subscribers("bowline:topic:dropped"));

            a.publish("kept", "after").get(5, TimeUnit.SECONDS);
            a.publish("joined", "welcome").get(5, TimeUnit.SECONDS);
            a.publish("kept", "END").get(5, TimeUnit.SECONDS);
            // a's own copies coming back (and skipped) show Redis has handed END to every subscribed connection.
            awaitTrue(() -> a.stats().ownSkipped() == 2, "node a saw its messages on 'kept' come back");
            awaitTrue(() -> kept.messages().contains("END") && joined.messages().size() == 1, "node b got them");

            assertEquals(List.of("during", "after", "END"), onA.messages(), "local delivery went on while Redis was away");
            assertEquals(List.of("after", "END"), kept.messages(), "what was published during the outage is lost to b, once");
            assertEquals(List.of("welcome"), joined.messages());
        }
    }

    @Test
    void aSlowSubscriberOfMessagesFromAnotherNodeIsClosedWith1008() throws Exception {
        RedisTopics b = RedisTopics.builder(redis.uri()).limits(SessionTopicsTest.ROOMY).build();
        try (RedisTopics a = node(redis.uri());
             TopicNode nodeB = TopicNode.start(b, true, SessionTopicsTest.SMALL_QUEUES);
             RawClient slow = RawClient.connect(nodeB.uri("/topics/room"));
             TestClient fast = TestClient.subscribe(nodeB.uri("/topics/room"))) {
            assertEquals(TopicEndpoint.SUBSCRIBED, slow.next().text());
            // Node a subscribes to nothing, so nothing above waited for its link: build() returns at once, and a
            // publish before the link is up fails (seen on a loaded machine).
            assertTrue(a.awaitConnected(Duration.ofSeconds(10)), "node a connected to Redis");

            String payload = "x".repeat(16 << 10);
            int sent = 0;
            while (b.stats().closedSlow() == 0) {
                assertTrue(sent < 4000, "64 MiB published and node b found no subscriber slow");
                String message = sent + ":" + payload;
                a.publish("room", message).get(5, TimeUnit.SECONDS);
                // Paced by the fast subscriber, so that only the one that never reads can fall behind (published
                // unpaced, a loaded machine let the fast one fall behind too, and it was closed as well).
                assertEquals(message, fast.next(), "the fast subscriber gets every message, in order");
                sent++;
            }
            a.publish("room", "END").get(5, TimeUnit.SECONDS);

            assertEquals(List.of("END"), fast.until("END"), "the fast subscriber got every message");
            assertEquals(1, b.stats().closedSlow(), "only the subscriber that never reads was closed");
            RawClient.Frame frame;
            while ((frame = slow.next()).opcode() != 8) {
                // the messages that fitted before it was found slow
            }
            assertEquals(1008, frame.closeCode());
        }
    }

    private static int numsub(String channel) {
        try {
            return redis.subscribers(channel);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
