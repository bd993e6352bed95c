package org.bowline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bowline.adapter.service.Caller;
import org.junit.jupiter.api.Test;

/** A service-model Caller as a topic subscriber. */
class CallerSubscriberTest {

    /** A caller whose writes block until {@code writable} opens, as a connection to a slow peer would. */
    static final class SlowCaller implements Caller {
        final CountDownLatch writable;
        final List<String> written = new ArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile int closeCode;
        volatile boolean open = true;
        private final Map<String, Object> attributes = new ConcurrentHashMap<>();

        SlowCaller(boolean slow) {
            this.writable = new CountDownLatch(slow ? 1 : 0);
        }

        private void write(String message) {
            try {
                writable.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (written) {
                written.add(message);
            }
        }

        List<String> written() {
            synchronized (written) {
                return List.copyOf(written);
            }
        }

        @Override public void writeTextMessage(String text) { write(text); }
        @Override public void writeBinaryMessage(byte[] data) { write("bytes:" + new String(data, StandardCharsets.UTF_8)); }
        @Override public void writeMessage(Object message) {
            ByteBuffer data = (ByteBuffer) message;
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            write("binary:" + new String(bytes, StandardCharsets.UTF_8));
        }
        @Override public void ping(byte[] data) { }
        @Override public void pong(byte[] data) { }
        @Override public void close() { close(1000, ""); }
        @Override public void close(int statusCode, String reason) {
            open = false;
            closeCode = statusCode;
            closed.countDown();
        }
        @Override public boolean close(int statusCode, String reason, Duration timeout) {
            close(statusCode, reason);
            return true;
        }
        @Override public String getConnectionId() { return "c1"; }
        @Override public String getNegotiatedSubProtocol() { return null; }
        @Override public boolean isOpen() { return open; }
        @Override public boolean isSecure() { return false; }
        @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
        @Override public Object getAttribute(String name) { return attributes.get(name); }
        @Override public Object removeAttribute(String name) { return attributes.remove(name); }
    }

    @Test
    void aCallerGetsTextAndBinaryMessagesInPublishOrder() throws Exception {
        try (InMemoryTopics topics = new InMemoryTopics()) {
            SlowCaller caller = new SlowCaller(false);
            topics.subscribe("news", CallerSubscriber.of(caller));
            for (int i = 0; i < 100; i++) {
                topics.publish("news", "m" + i);
            }
            topics.publish("news", "end".getBytes(StandardCharsets.UTF_8));

            SessionTopicsTest.awaitTrue(() -> caller.written().size() == 101, "101 writes");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                expected.add("m" + i);
            }
            expected.add("binary:end");
            assertEquals(expected, caller.written());
            // Another adapter of the same caller is the same subscriber.
            assertTrue(topics.unsubscribe("news", CallerSubscriber.of(caller)));
        }
    }

    @Test
    void aCallerWhoseWritesBlockIsClosedWith1008OnceItsLimitIsReached() throws Exception {
        try (InMemoryTopics topics = new InMemoryTopics(new SubscriberLimits(3, 1 << 20, SlowSubscriberPolicy.CLOSE))) {
            SlowCaller slow = new SlowCaller(true);
            topics.subscribe("news", CallerSubscriber.of(slow));
            for (int i = 0; i < 10; i++) {
                topics.publish("news", "m" + i);
            }
            assertEquals(1, topics.stats().closedSlow());
            assertEquals(0, topics.localSubscribers("news"));

            slow.writable.countDown();
            assertTrue(slow.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1008, slow.closeCode);
            assertEquals(List.of("m0", "m1", "m2"), slow.written(), "what fitted, then the close");
        }
    }
}
