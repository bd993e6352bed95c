package org.bowline.cluster;

import static org.bowline.cluster.SessionTopicsTest.awaitTrue;
import static org.bowline.cluster.SessionTopicsTest.only;
import static org.bowline.cluster.SessionTopicsTest.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Bowline nodes, each in a JVM of its own, sharing a real redis-server; WebSocket clients on
 * both, as users behind a load balancer would be.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossNodeTest {

    private static RedisServer redis;
    private static NodeProcess a;
    private static NodeProcess b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.startOrSkip();
        a = NodeProcess.launch(redis.uri());
        b = NodeProcess.launch(redis.uri());
        a.awaitReady();
        b.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(1)
    void everyClientOnBothNodesGetsEveryMessageOnceInEachPublishersOrder() throws Exception {
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(TestClient.subscribe(a.uri("/topics/room")));
            clients.add(TestClient.subscribe(b.uri("/topics/room")));
        }
        TestClient onA = clients.get(0);
        TestClient onB = clients.get(1);
        Thread publisherB = new Thread(() -> publish(onB, "b", 100));
        publisherB.start();
        publish(onA, "a", 100);
        publisherB.join();

        for (TestClient client : clients) {
            // A publisher's END comes after all its messages: a gap or a duplicate would show before it.
            List<String> received = client.untilAll(List.of("a:END", "b:END"));
            assertEquals(sequence("a", 100), only("a:", received));
            assertEquals(sequence("b", 100), only("b:", received));
            assertEquals(202, received.size(), "nothing but the two sequences");
            client.close();
        }
    }

    @Test
    @Order(2)
    void aClientThatClosesLeavesItsTopicOnItsNodeAndTheNodeLeavesItOnRedis() throws Exception {
        TestClient client = TestClient.subscribe(b.uri("/topics/solo"));
        assertEquals("1", b.stats("solo").get("subscribers"));
        assertEquals(1, redis.subscribers("bowline:topic:solo"));

        client.close();

        awaitTrue(() -> "0".equals(uncheckedStats(b, "solo").get("subscribers")), "node b forgot the closed client");
        awaitTrue(() -> redisSubscribers("bowline:topic:solo") == 0, "node b unsubscribed 'solo' on Redis");
    }

    @Test
    @Order(3)
    void whileRedisIsDownEachNodeServesItsOwnClientsAndPublishesFailAndAfterwardsNothingComesTwice() throws Exception {
        TestClient publisher = TestClient.subscribe(a.uri("/topics/r"));
        TestClient neighbour = TestClient.subscribe(a.uri("/topics/r"));
        TestClient remote = TestClient.subscribe(b.uri("/topics/r"));

        redis.stop();
        awaitTrue(() -> "false".equals(uncheckedStats(a, "r").get("connected")), "node a saw Redis go");
        publisher.send("during");

        assertEquals("during", neighbour.next(), "local delivery goes on");
        List<String> toPublisher = List.of(publisher.next(), publisher.next());
        assertTrue(toPublisher.contains("during"), toPublisher.toString());
        String failure = toPublisher.get(toPublisher.get(0).equals("during") ? 1 : 0);
        assertTrue(failure.startsWith(TopicEndpoint.FAILED) && failure.contains("reached this node's subscribers only"), failure);

        redis.start();
        awaitTrue(() -> redisSubscribers("bowline:topic:r") == 2, "both nodes subscribed 'r' again");
        publisher.send("after");
        publisher.send("END");

        assertEquals(List.of("after", "END"), remote.until("END"), "the outage's message is lost to node b, and nothing is doubled");
        assertEquals(List.of("after", "END"), neighbour.until("END"));
        assertEquals(List.of("after", "END"), publisher.until("END"));
        Map<String, String> stats = a.stats("r");
        assertEquals("1", stats.get("reconnects"));
        assertEquals("1", stats.get("publishFailed"));
        publisher.close();
        neighbour.close();
        remote.close();
    }

    @Test
    @Order(4)
    void aNodeThatStopsTakesItsSubscriptionsWithIt() throws Exception {
        TestClient client = TestClient.subscribe(b.uri("/topics/gone"));
        assertEquals(1, redis.subscribers("bowline:topic:gone"));

        b.kill();

        awaitTrue(() -> redisSubscribers("bowline:topic:gone") == 0, "Redis dropped the dead node's subscription");
        assertEquals(1006, client.awaitClose().getCloseCode().getCode());
    }

    private static void publish(TestClient client, String name, int count) {
        try {
            for (int i = 0; i < count; i++) {
                client.send(name + ":" + i);
            }
            client.send(name + ":END");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> uncheckedStats(NodeProcess node, String topic) {
        try {
            return node.stats(topic);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int redisSubscribers(String channel) {
        try {
            return redis.subscribers(channel);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
