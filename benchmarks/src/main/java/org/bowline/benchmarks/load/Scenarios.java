package org.bowline.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** The scenarios of the load benchmark, in the order they run against each server. */
final class Scenarios {

    private static final long OPEN_TIMEOUT_MILLIS = 120_000;
    private static final long STEP_TIMEOUT_MILLIS = 60_000;

    private Scenarios() {
    }

    static List<Scenario> all(Settings settings) {
        List<Scenario> scenarios = new ArrayList<>();
        for (int size : settings.echoSizes()) {
            for (int connections : settings.echoConnections()) {
                scenarios.add(new Echo(size, connections));
            }
        }
        scenarios.add(new PingPong());
        scenarios.add(new FixedRate(settings.fixedRate(), settings.fixedRateConnections()));
        scenarios.add(new BigRoundTrip(settings.bigMessageBytes()));
        scenarios.add(new Broadcast(settings.broadcastSessions()));
        scenarios.add(new Push(settings.pushMessages(), settings.pushMessageBytes()));
        scenarios.add(new Idle(settings.idleConnections()));   // last: it leaves the most behind on the server
        scenarios.add(new WarmHandshakes(settings.idleConnections(), WarmHandshakes.PASSES));   // opt-in: not a default group
        scenarios.add(new EchoBesideBig(settings.bigMessageBytes()));   // opt-in too
        return scenarios;
    }

    static String size(int bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }

    static String count(int n) {
        return String.format("%,d", n);
    }

    /** Closed loop: {@link Settings#echoWindow} text messages in flight per connection; messages per second. */
    static final class Echo implements Scenario {
        private final int size;
        private final int connections;
        private final Row row;

        Echo(int size, int connections) {
            this.size = size;
            this.connections = connections;
            this.row = new Row("echo " + size(size) + ", " + connections + (connections == 1 ? " conn" : " conns"),
                    "msg/s", true);
        }

        @Override
        public String group() {
            return "echo";
        }

        @Override
        public List<Row> rows() {
            return List.of(row);
        }

        @Override
        public String path() {
            return "/echo";
        }

        @Override
        public Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception {
            ByteBuffer frame = Frames.frame(Frames.TEXT, size);
            long[] counted = {0};
            try (LoadClient client = new LoadClient(server.address)) {
                List<LoadClient.Conn> conns = client.open(connections, "/echo", 64, OPEN_TIMEOUT_MILLIS);
                client.listener((conn, now) -> {
                    counted[0]++;
                    conn.send(frame.duplicate());
                });
                for (LoadClient.Conn conn : conns) {
                    for (int i = 0; i < Settings.echoWindow(connections); i++) {
                        conn.send(frame.duplicate());
                    }
                }
                // A server that does not echo at all fails the row instead of scoring 0.
                if (!client.runUntil(() -> counted[0] > 0,
                        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MILLIS))) {
                    throw new IOException("no echo came back in " + STEP_TIMEOUT_MILLIS + " ms");
                }
                client.runUntil(() -> false, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis()));
                counted[0] = 0;
                long start = System.nanoTime();
                client.runUntil(() -> false, start + TimeUnit.MILLISECONDS.toNanos(settings.measureMillis()));
                double seconds = (System.nanoTime() - start) / 1e9;
                return Map.of(row, counted[0] / seconds);
            }
        }
    }

    /** One connection, one 32 B message at a time: round-trip latency percentiles. */
    static final class PingPong implements Scenario {
        private static final Row P50 = new Row("ping-pong 32 B p50", "µs", false);
        private static final Row P99 = new Row("ping-pong 32 B p99", "µs", false);
        private static final Row P999 = new Row("ping-pong 32 B p99.9", "µs", false);

        @Override
        public String group() {
            return "pingpong";
        }

        @Override
        public List<Row> rows() {
            return List.of(P50, P99, P999);
        }

        @Override
        public String path() {
            return "/echo";
        }

        @Override
        public Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception {
            ByteBuffer frame = Frames.frame(Frames.TEXT, 32);
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            try (LoadClient client = new LoadClient(server.address)) {
                client.spin(true);
                LoadClient.Conn conn = client.open(1, "/echo", 1, OPEN_TIMEOUT_MILLIS).get(0);
                client.listener((c, now) -> {
                    histogram.recordValue(now - c.sent.poll());
                    long sendTime = System.nanoTime();
                    c.sent.add(sendTime);
                    c.send(frame.duplicate());
                });
                conn.sent.add(System.nanoTime());
                conn.send(frame.duplicate());
                client.runUntil(() -> false, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis()));
                histogram.reset();
                client.runUntil(() -> false, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.measureMillis()));
            }
            return percentiles(histogram, P50, P99, P999);
        }
    }

    static Map<Row, Double> percentiles(Histogram histogram, Row p50, Row p99, Row p999) {
        if (histogram.getTotalCount() == 0) {
            throw new IllegalStateException("no message came back");
        }
        Map<Row, Double> result = new LinkedHashMap<>();
        result.put(p50, histogram.getValueAtPercentile(50) / 1e3);
        result.put(p99, histogram.getValueAtPercentile(99) / 1e3);
        result.put(p999, histogram.getValueAtPercentile(99.9) / 1e3);
        return result;
    }

    /**
     * Open loop: 32 B messages at a fixed total rate, round-robin over the connections; latency from
     * each message's scheduled send time (so a stalled server is not excused: no coordinated omission).
     */
    static final class FixedRate implements Scenario {
        private final int rate;
        private final int connections;
        private final Row p50;
        private final Row p99;
        private final Row p999;

        FixedRate(int rate, int connections) {
            this.rate = rate;
            this.connections = connections;
            String name = count(rate) + " msg/s over " + connections + " conns";
            p50 = new Row(name + " p50", "µs", false);
            p99 = new Row(name + " p99", "µs", false);
            p999 = new Row(name + " p99.9", "µs", false);
        }

        @Override
        public String group() {
            return "fixedrate";
        }

        @Override
        public List<Row> rows() {
            return List.of(p50, p99, p999);
        }

        @Override
        public String path() {
            return "/echo";
        }

        @Override
        public Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception {
            ByteBuffer frame = Frames.frame(Frames.TEXT, 32);
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            try (LoadClient client = new LoadClient(server.address)) {
                client.spin(true);
                List<LoadClient.Conn> conns = client.open(connections, "/echo", 64, OPEN_TIMEOUT_MILLIS);
                client.listener((c, now) -> histogram.recordValue(Math.max(0, now - c.sent.poll())));
                long start = System.nanoTime();
                long[] next = {start};
                long[] sent = {0};
                LoadClient.Pacer pacer = now -> {
                    while (now - next[0] >= 0) {
                        LoadClient.Conn conn = conns.get((int) (sent[0]++ % connections));
                        conn.sent.add(next[0]);
                        conn.send(frame.duplicate());
                        next[0] += interval;
                    }
                };
                long warmupEnd = start + TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis());
                client.runUntil(() -> false, warmupEnd, pacer);
                histogram.reset();
                client.runUntil(() -> false, warmupEnd + TimeUnit.MILLISECONDS.toNanos(settings.measureMillis()), pacer);
            }
            return percentiles(histogram, p50, p99, p999);
        }
    }

    /** One binary message of {@code bytes}, echoed; milliseconds per round trip (median of several). */
    static final class BigRoundTrip implements Scenario {
        private final int bytes;
        private final Row row;

        BigRoundTrip(int bytes) {
            this.bytes = bytes;
            this.row = new Row(size(bytes) + " round trip", "ms", false);
        }

        @Override
        public String group() {
            return "big";
        }

        @Override
        public List<Row> rows() {
            return List.of(row);
        }

        @Override
        public String path() {
            return "/big";
        }

        @Override
        public Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception {
            ByteBuffer frame = Frames.frame(Frames.BINARY, bytes);
            try (LoadClient client = new LoadClient(server.address)) {
                LoadClient.Conn conn = client.open(1, "/big", 1, OPEN_TIMEOUT_MILLIS).get(0);
                // Warmed up for the warm-up time like the timed scenarios (at least twice): run alone, on a
                // server no other scenario has warmed, two round trips still measured the JIT, not the path.
                long warmEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis());
                for (int i = 0; i < 2 || System.nanoTime() < warmEnd; i++) {
                    roundTrip(client, conn, frame);
                }
                double[] millis = new double[settings.bigRepeats()];
                for (int i = 0; i < millis.length; i++) {
                    millis[i] = roundTrip(client, conn, frame) / 1e6;
                }
                return Map.of(row, median(millis));
            }
        }

        /** Sends the message and waits for its echo; the nanoseconds it took. */
        private long roundTrip(LoadClient client, LoadClient.Conn conn, ByteBuffer frame) throws IOException {
            long target = conn.received + 1;
            long start = System.nanoTime();
            conn.send(frame.duplicate());
            if (!client.runUntil(() -> conn.received >= target,
                    start + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MILLIS))) {
                throw new IOException(size(bytes) + " echo did not come back in " + STEP_TIMEOUT_MILLIS + " ms");
            }
            return System.nanoTime() - start;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * {@code sessions} connections to /broadcast; one sends 32 B and the server sends it to all of them:
     * milliseconds until every session has it (median over the measured period).
     */
    static final class Broadcast implements Scenario {
        private final int sessions;
        private final Row row;

        Broadcast(int sessions) {
            this.sessions = sessions;
            this.row = new Row("broadcast 32 B to " + count(sessions) + " sessions", "ms", false);
        }

        @Override
        public String group() {
            return "broadcast";
        }

        @Override
        public List<Row> rows() {
            return List.of(row);
        }

        @Override
        public String path() {
            return "/broadcast";
        }

        @Override
        public Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception {
            ByteBuffer frame = Frames.frame(Frames.TEXT, 32);
            try (LoadClient client = new LoadClient(server.address)) {
                client.spin(true);
                int[] reached = {0};
                long[] round = {1};   // every session first gets its welcome: then it is registered
                client.listener((c, now) -> {
                    if (c.received == round[0]) {
                        reached[0]++;
                    }
                });
                List<LoadClient.Conn> conns = client.open(sessions, "/broadcast", 64, OPEN_TIMEOUT_MILLIS);
                awaitAll(client, reached, "the welcome on every broadcast session");
                List<Double> millis = new ArrayList<>();
                long warmupEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis());
                long end = warmupEnd + TimeUnit.MILLISECONDS.toNanos(settings.measureMillis());
                while (System.nanoTime() < end || millis.size() < 3) {
                    reached[0] = 0;
                    round[0]++;
                    long start = System.nanoTime();
                    conns.get(0).send(frame.duplicate());
                    awaitAll(client, reached, "a broadcast to every session");
                    if (start > warmupEnd) {
                        millis.add((System.nanoTime() - start) / 1e6);
                    }
                }
                return Map.of(row, median(millis.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }

        private void awaitAll(LoadClient client, int[] reached, String what) throws IOException {
            if (!client.runUntil(() -> reached[0] == sessions,
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MILLIS))) {
                throw new IOException(reached[0] + " of " + sessions + " sessions got " + what);
            }
        }
    }

    /** The server sends {@code messages} binary messages of {@code bytes} as fast as the client reads: msg/s. */
    static final class Push implements Scenario {
        private final int messages;
        private final int bytes;
        private final Row row;

        Push(int messages, int bytes) {
            this.messages = messages;
            this.bytes = bytes;
            this.row = new Row("push " + count(messages) + " × " + size(bytes) + " server→client", "msg/s", true);
        }

        @Override
        public String group() {
            return "push";
        }

        @Override
        public List<Row> rows() {
            return List.of(row);
        }

        @Override
        public String path() {
            return "/push";
        }

        @Override
        public Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception {
            try (LoadClient client = new LoadClient(server.address)) {
                LoadClient.Conn conn = client.open(1, "/push", 1, OPEN_TIMEOUT_MILLIS).get(0);
                push(client, conn, Math.max(1, messages / 5));   // warm-up
                long start = System.nanoTime();
                push(client, conn, messages);
                return Map.of(row, messages / ((System.nanoTime() - start) / 1e9));
            }
        }

        private void push(LoadClient client, LoadClient.Conn conn, int count) throws IOException {
            long target = conn.received + count;
            conn.send(Frames.frame(Frames.TEXT, (count + " " + bytes).getBytes(StandardCharsets.US_ASCII)));
            if (!client.runUntil(() -> conn.received >= target,
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MILLIS * 2))) {
                throw new IOException("only " + (conn.received - (target - count)) + " of " + count + " pushed messages came");
            }
        }
    }

    /**
     * {@code connections} idle WebSocket connections: how fast they open (handshakes/s, at most 128
     * handshakes in flight), and what each costs the server in live heap and RSS after a full GC.
     */
    static final class Idle implements Scenario {
        private final int connections;
        private final Row handshakes;
        private final Row heap;
        private final Row rss;

        Idle(int connections) {
            this.connections = connections;
            String name = count(connections) + " idle conns";
            handshakes = new Row("handshakes/s, " + name, "1/s", true);
            heap = new Row("live heap per conn, " + name, "KiB", false);
            rss = new Row("RSS per conn, " + name, "KiB", false);
        }

        @Override
        public String group() {
            return "idle";
        }

        @Override
        public List<Row> rows() {
            return List.of(handshakes, heap, rss);
        }

        @Override
        public String path() {
            return "/idle";
        }

        @Override
        public Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception {
            try (LoadClient client = new LoadClient(server.address)) {
                long heapBefore = server.liveHeapBytes();
                long rssBefore = server.rssBytes();
                long start = System.nanoTime();
                client.open(connections, "/idle", 128, OPEN_TIMEOUT_MILLIS);
                double seconds = (System.nanoTime() - start) / 1e9;
                long heapAfter = server.liveHeapBytes();
                long rssAfter = server.rssBytes();
                Map<Row, Double> result = new LinkedHashMap<>();
                result.put(handshakes, connections / seconds);
                result.put(heap, (heapAfter - heapBefore) / 1024.0 / connections);
                if (rssBefore >= 0) {
                    result.put(rss, (rssAfter - rssBefore) / 1024.0 / connections);
                }
                return result;
            }
        }
    }

    /**
     * Handshakes/s once the server's handshake path is compiled: {@code connections} connections opened (at
     * most 128 handshakes in flight) and dropped, {@code passes} times on one server JVM, the last pass
     * reported. The idle row times the first such pass on a JVM that has served only the other scenarios'
     * few thousand handshakes, so it measures the JIT warming up as much as the server; this row measures the
     * server. Before each pass the server gets 0.3 ms per connection (3 s for 10,000) to finish the closes
     * of the one before (servers cap their connections at 10,000).
     */
    static final class WarmHandshakes implements Scenario {
        static final int PASSES = 6;
        private final int connections;
        private final int passes;
        private final Row row;

        WarmHandshakes(int connections, int passes) {
            this.connections = connections;
            this.passes = passes;
            row = new Row("handshakes/s, warm: " + count(connections) + " conns, pass " + passes + " of " + passes,
                    "1/s", true);
        }

        @Override
        public String group() {
            return "handshakes";
        }

        @Override
        public List<Row> rows() {
            return List.of(row);
        }

        @Override
        public String path() {
            return "/idle";
        }

        @Override
        public Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception {
            double rate = 0;
            for (int pass = 0; pass < passes; pass++) {
                Thread.sleep(Math.max(200, connections * 3L / 10));   // the previous pass's connections close
                try (LoadClient client = new LoadClient(server.address)) {
                    long start = System.nanoTime();
                    client.open(connections, "/idle", 128, OPEN_TIMEOUT_MILLIS);
                    rate = connections / ((System.nanoTime() - start) / 1e9);
                }
            }
            return Map.of(row, rate);
        }
    }
}
