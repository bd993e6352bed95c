package org.bowline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The topics contract on one node, with subscribers in memory. */
class TopicsTest {

    private final InMemoryTopics topics = new InMemoryTopics(new SubscriberLimits(4, 1 << 20, SlowSubscriberPolicy.CLOSE));

    @AfterEach
    void close() {
        topics.close();
    }

    @Test
    void publishReachesEverySubscriberOfTheTopicAndNoOther() {
        RecordingSubscriber a = new RecordingSubscriber(false);
        RecordingSubscriber b = new RecordingSubscriber(false);
        RecordingSubscriber other = new RecordingSubscriber(false);
        topics.subscribe("news", a);
        topics.subscribe("news", b);
        topics.subscribe("sport", other);

        topics.publish("news", "hello");
        topics.publish("news", "héllo €".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("hello", "binary:héllo €"), a.messages());
        assertEquals(List.of("hello", "binary:héllo €"), b.messages());
        assertEquals(List.of(), other.messages());
        assertEquals(2, topics.localSubscribers("news"));
        assertEquals(4, topics.stats().delivered());
    }

    @Test
    void subscribingTwiceStillDeliversOnce() {
        RecordingSubscriber a = new RecordingSubscriber(false);
        topics.subscribe("news", a);
        topics.subscribe("news", a);

        topics.publish("news", "once");

        assertEquals(List.of("once"), a.messages());
        assertEquals(1, topics.localSubscribers("news"));
    }

    @Test
    void anUnsubscribedSubscriberGetsNothingMoreFromThatTopic() {
        RecordingSubscriber a = new RecordingSubscriber(false);
        topics.subscribe("news", a);
        topics.subscribe("sport", a);

        assertTrue(topics.unsubscribe("news", a));
        assertFalse(topics.unsubscribe("news", a), "second unsubscribe");
        topics.publish("news", "missed");
        topics.publish("sport", "goal");

        assertEquals(List.of("goal"), a.messages());
        assertEquals(0, topics.localSubscribers("news"));
    }

    @Test
    void leaveAllUnsubscribesFromEveryTopic() {
        RecordingSubscriber a = new RecordingSubscriber(false);
        topics.subscribe("news", a);
        topics.subscribe("sport", a);

        topics.leaveAll(a);

        assertEquals(0, topics.localSubscribers("news"));
        assertEquals(0, topics.localSubscribers("sport"));
    }

    @Test
    void aSubscriberFoundClosedAtDeliveryLeavesItsTopics() {
        RecordingSubscriber gone = new RecordingSubscriber(false);
        RecordingSubscriber stays = new RecordingSubscriber(false);
        topics.subscribe("news", gone);
        topics.subscribe("sport", gone);
        topics.subscribe("news", stays);
        gone.disconnect();

        topics.publish("news", "after");

        assertEquals(List.of(), gone.messages());
        assertEquals(List.of("after"), stays.messages());
        assertEquals(1, topics.localSubscribers("news"));
        assertEquals(0, topics.localSubscribers("sport"));
    }

    @Test
    void eachPublishersMessagesArriveInPublishOrder() throws InterruptedException {
        RecordingSubscriber a = new RecordingSubscriber(false);
        topics.subscribe("news", a);
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            String name = "p" + p;
            publishers.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    topics.publish("news", name + ":" + i);
                }
            }));
        }
        publishers.forEach(Thread::start);
        for (Thread publisher : publishers) {
            publisher.join();
        }

        for (int p = 0; p < 3; p++) {
            String prefix = "p" + p + ":";
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                expected.add(prefix + i);
            }
            assertEquals(expected, a.messages().stream().filter(m -> m.startsWith(prefix)).toList());
        }
    }

    @Test
    void aSlowSubscriberIsClosedWith1008AndTheOthersGetEverything() {
        RecordingSubscriber slow = new RecordingSubscriber(true);
        RecordingSubscriber fast = new RecordingSubscriber(false);
        topics.subscribe("news", slow);
        topics.subscribe("news", fast);

        for (int i = 0; i < 10; i++) {
            topics.publish("news", "m" + i);
        }

        assertEquals(1008, slow.closeCode());
        assertEquals(List.of("m0", "m1", "m2", "m3"), slow.messages(), "the limit is 4 pending messages");
        assertEquals(10, fast.messages().size());
        assertEquals(1, topics.stats().closedSlow());
        assertEquals(1, topics.localSubscribers("news"), "the slow one left the topic");
    }

    @Test
    void withPolicyDropASlowSubscriberMissesMessagesUntilItCatchesUp() {
        try (InMemoryTopics dropping = new InMemoryTopics(new SubscriberLimits(2, 1 << 20, SlowSubscriberPolicy.DROP))) {
            RecordingSubscriber slow = new RecordingSubscriber(true);
            dropping.subscribe("news", slow);

            for (int i = 0; i < 5; i++) {
                dropping.publish("news", "m" + i);
            }
            slow.release();
            dropping.publish("news", "m5");

            assertEquals(List.of("m0", "m1", "m5"), slow.messages());
            assertEquals(3, dropping.stats().dropped());
            assertEquals(0, dropping.stats().closedSlow());
            assertTrue(slow.isOpen());
        }
    }

    @Test
    void pendingBytesAreBoundedToo() {
        try (InMemoryTopics small = new InMemoryTopics(new SubscriberLimits(100, 10, SlowSubscriberPolicy.DROP))) {
            RecordingSubscriber slow = new RecordingSubscriber(true);
            small.subscribe("news", slow);

            small.publish("news", "a message longer than ten bytes goes when nothing is pending");
            small.publish("news", "but not this one");

            assertEquals(1, slow.messages().size());
            assertEquals(1, small.stats().dropped());
        }
    }

    @Test
    void badTopicNamesAreRefusedWithTheReason() {
        RecordingSubscriber a = new RecordingSubscriber(false);
        assertEquals("Topic name must not be empty",
                assertThrows(IllegalArgumentException.class, () -> topics.subscribe("", a)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> topics.publish("x".repeat(257), "m"))
                .getMessage().contains("257 characters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> topics.publish("a\nb", "m"))
                .getMessage().contains("U+000A"));
    }

    @Test
    void closedTopicsRefuseToWork() {
        topics.close();
        assertThrows(IllegalStateException.class, () -> topics.publish("news", "late"));
    }
}
