package org.bowline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.Test;

/** Topics with real WebSocket sessions on a Bowline server, one node, over real sockets. */
class SessionTopicsTest {

    @Test
    void everySessionGetsEachMessageOnceAndEachPublishersInOrder() throws Exception {
        try (TopicNode node = TopicNode.start(new InMemoryTopics(), true, SessionLimits.defaults())) {
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(TestClient.subscribe(node.uri("/topics/room")));
            }
            // Two of them publish, concurrently.
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                TestClient publisher = clients.get(p);
                String name = "p" + p;
                publishers.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 100; i++) {
                            publisher.send(name + ":" + i);
                        }
                        publisher.send(name + ":END");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            publishers.forEach(Thread::start);
            for (Thread publisher : publishers) {
                publisher.join();
            }

            for (TestClient client : clients) {
                // Everything of a publisher arrives before its END: a duplicate or a gap would show here.
                List<String> received = client.untilAll(List.of("p0:END", "p1:END"));
                for (int p = 0; p < 2; p++) {
                    assertEquals(sequence("p" + p, 100), only("p" + p + ":", received));
                }
                assertEquals(202, received.size());
                client.close();
            }
        }
    }

    @Test
    void aSessionThatClosesLeavesItsTopics() throws Exception {
        // leaveOnClose false: no onClose help; the sweep notices the closed session.
        try (TopicNode node = TopicNode.start(new InMemoryTopics(), false, SessionLimits.defaults())) {
            TestClient client = TestClient.subscribe(node.uri("/topics/room"));
            assertEquals(1, node.topics().localSubscribers("room"));

            client.close();

            awaitTrue(() -> node.topics().localSubscribers("room") == 0, "the closed session left 'room'");
        }
    }

    /**
     * Limits only the connection's outbound queue can reach first. A subscriber's pending count falls when its
     * send's completion has run on the session pool, which a loaded machine can hold up for milliseconds after
     * the bytes went out: with 256 KiB here, a fast subscriber 16 messages ahead of its completions was closed
     * as slow (seen in CI and in repeated runs beside a busy loop). The connection's limit counts only what
     * waits to be written, so it finds the peer that does not read, and only that one.
     */
    static final SubscriberLimits ROOMY = new SubscriberLimits(1 << 16, 1L << 30, SlowSubscriberPolicy.CLOSE);

    /** A 64 KiB outbound queue per connection: a peer that stops reading fills it once its socket buffers are full. */
    static final SessionLimits SMALL_QUEUES = SessionLimits.defaults().withQueues(64 << 10, 4L << 20);

    @Test
    void aSessionWhosePeerStopsReadingIsClosedWith1008AndDelaysNoOne() throws Exception {
        InMemoryTopics topics = new InMemoryTopics(ROOMY);
        try (TopicNode node = TopicNode.start(topics, true, SMALL_QUEUES);
             RawClient slow = RawClient.connect(node.uri("/topics/room"));
             TestClient fast = TestClient.subscribe(node.uri("/topics/room"))) {
            assertEquals(TopicEndpoint.SUBSCRIBED, slow.next().text());

            int sent = publishUntilOneIsClosed(topics, "room", fast);
            topics.publish("room", "END");

            assertEquals(List.of("END"), fast.until("END"), "the fast subscriber got every message");
            assertEquals(1, topics.stats().closedSlow(), "only the subscriber that never reads was closed");
            assertEquals(1, topics.localSubscribers("room"));
            // What the slow peer finds once it reads again: the messages that fitted, then a close with 1008.
            RawClient.Frame frame;
            int data = 0;
            while ((frame = slow.next()).opcode() != 8) {
                data++;
            }
            assertEquals(1008, frame.closeCode());
            assertTrue(data < sent, "the slow subscriber got " + data + " of " + sent);
        }
    }

    /**
     * Publishes 16 KiB messages until the topics close a slow subscriber; returns how many. Each message reaches
     * {@code fast} before the next is published, so that only a subscriber that never reads can fall behind:
     * published unpaced, a loaded machine let the fast one fall 15 messages behind too (past the 256 KiB limit
     * before the slow one's socket buffers filled), and it was the one closed.
     */
    static int publishUntilOneIsClosed(Topics topics, String topic, TestClient fast) throws InterruptedException {
        String payload = "x".repeat(16 << 10);
        int sent = 0;
        while (topics.stats().closedSlow() == 0) {
            if (sent == 4000) {
                throw new AssertionError("64 MiB published and no subscriber was found slow");
            }
            String message = sent + ":" + payload;
            topics.publish(topic, message);
            assertEquals(message, fast.next(), "the fast subscriber gets every message, in order");
            sent++;
        }
        return sent;
    }

    static List<String> sequence(String publisher, int count) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(publisher + ":" + i);
        }
        expected.add(publisher + ":END");
        return expected;
    }

    static List<String> only(String prefix, List<String> messages) {
        return messages.stream().filter(m -> m.startsWith(prefix)).toList();
    }

    /** Waits up to 10 s for a condition to become true. */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
