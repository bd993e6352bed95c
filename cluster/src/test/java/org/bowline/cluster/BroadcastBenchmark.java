package org.bowline.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import org.HdrHistogram.Histogram;
import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The broadcast benchmark row: one message to 1,000 subscribers spread over two nodes (500 each,
 * WebSocket clients over loopback), published on the first node; Redis carries it to the second.
 * Measures the latency from publish to the last subscriber's receipt (p50/p99 over one-at-a-time
 * publishes) and the publishes per second the two nodes sustain to all 1,000.
 *
 * <p>Not part of the normal build (it takes a minute and measures the machine as much as the
 * code): {@code mvn -B -pl cluster -am verify -Dbowline.bench=true -Dtest=BroadcastBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. It prints one line and writes it to
 * {@code cluster/target/broadcast-benchmark.txt}. Everything runs in one JVM (nodes, clients), so
 * the clients' work competes with the nodes' for the same cores.
 */
class BroadcastBenchmark {

    private static final int SUBSCRIBERS = 1_000;
    private static final int WARMUP = 200;
    private static final int MEASURED = 1_000;
    private static final int BURST = 2_000;

    /** Counts, per message number, the subscribers that have it and when the last one got it. */
    private static final class Arrivals {
        final AtomicInteger[] counts;
        final AtomicLong[] lastNanos;
        final CountDownLatch[] complete;

        Arrivals(int messages) {
            counts = new AtomicInteger[messages];
            lastNanos = new AtomicLong[messages];
            complete = new CountDownLatch[messages];
            for (int i = 0; i < messages; i++) {
                counts[i] = new AtomicInteger();
                lastNanos[i] = new AtomicLong();
                complete[i] = new CountDownLatch(1);
            }
        }

        void arrived(int message) {
            long now = System.nanoTime();
            lastNanos[message].accumulateAndGet(now, Math::max);
            if (counts[message].incrementAndGet() == SUBSCRIBERS) {
                complete[message].countDown();
            }
        }
    }

    @Test
    void broadcastToAThousandSubscribersOnTwoNodes() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bowline.bench"), "benchmark: run with -Dbowline.bench=true");
        SubscriberLimits roomy = new SubscriberLimits(1 << 16, 256L << 20, SlowSubscriberPolicy.CLOSE);
        SessionLimits sessions = SessionLimits.defaults().withQueues(64L << 20, 4L << 20);
        try (RedisServer redis = RedisServer.startOrSkip();
             TopicNode a = TopicNode.start(RedisTopics.builder(redis.uri()).limits(roomy).build(), true, sessions);
             TopicNode b = TopicNode.start(RedisTopics.builder(redis.uri()).limits(roomy).build(), true, sessions)) {
            Arrivals arrivals = new Arrivals(WARMUP + MEASURED + BURST);
            WebSocketContainer container = ContainerProvider.getWebSocketContainer();
            List<Session> clients = new ArrayList<>();
            CountDownLatch subscribed = new CountDownLatch(SUBSCRIBERS);
            for (int i = 0; i < SUBSCRIBERS; i++) {
                URI uri = (i % 2 == 0 ? a : b).uri("/topics/bench");
                clients.add(container.connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session session, EndpointConfig config) {
                        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                            if (text.equals(TopicEndpoint.SUBSCRIBED)) {
                                subscribed.countDown();
                            } else {
                                arrivals.arrived(Integer.parseInt(text, 0, text.indexOf(' '), 10));
                            }
                        });
                    }
                }, ClientEndpointConfig.Builder.create().build(), uri));
            }
            if (!subscribed.await(120, TimeUnit.SECONDS)) {
                throw new AssertionError("only " + (SUBSCRIBERS - subscribed.getCount()) + " subscribers subscribed");
            }
            Topics publisher = a.topics();
            String padding = "x".repeat(64);

            Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                long start = System.nanoTime();
                publisher.publish("bench", i + " " + padding).get(10, TimeUnit.SECONDS);
                if (!arrivals.complete[i].await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("message " + i + " reached " + arrivals.counts[i].get() + " subscribers");
                }
                if (i >= WARMUP) {
                    latency.recordValue(arrivals.lastNanos[i].get() - start);
                }
            }

            int first = WARMUP + MEASURED;
            long burstStart = System.nanoTime();
            for (int i = first; i < first + BURST; i++) {
                publisher.publish("bench", i + " " + padding);
            }
            int last = first + BURST - 1;
            if (!arrivals.complete[last].await(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the burst's last message reached " + arrivals.counts[last].get() + " subscribers");
            }
            double seconds = (arrivals.lastNanos[last].get() - burstStart) / 1e9;
            TopicStats statsA = a.topics().stats();
            TopicStats statsB = b.topics().stats();
            String row = String.format("broadcast to %d subscribers on 2 nodes (Redis pub/sub, %d-byte text):"
                            + " latency to the last subscriber p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d publishes one at a time);"
                            + " %.0f publishes/s (%.0f deliveries/s) in a burst of %d; dropped %d, closed slow %d; %d cores",
                    SUBSCRIBERS, padding.length() + 5,
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6,
                    MEASURED, BURST / seconds, BURST * (double) SUBSCRIBERS / seconds, BURST,
                    statsA.dropped() + statsB.dropped(), statsA.closedSlow() + statsB.closedSlow(),
                    Runtime.getRuntime().availableProcessors());
            System.out.println(row);
            Path out = Path.of(System.getProperty("basedir", "."), "target", "broadcast-benchmark.txt");
            Files.writeString(out, row + System.lineSeparator());
            for (Session client : clients) {
                try {
                    client.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
