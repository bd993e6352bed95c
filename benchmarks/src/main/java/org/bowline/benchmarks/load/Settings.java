package org.bowline.benchmarks.load;

import java.util.List;

/** How long and how big each scenario runs; {@link #defaults()} is what the README's table uses. */
record Settings(long serverWarmupMillis, long warmupMillis, long measureMillis, List<Integer> echoSizes, List<Integer> echoConnections,
                int fixedRate, int fixedRateConnections, int idleConnections, int bigMessageBytes, int bigRepeats,
                int broadcastSessions, int pushMessages, int pushMessageBytes) {

    static Settings defaults() {
        return new Settings(6_000, 2_000, 5_000, List.of(32, 1024, 65536), List.of(1, 16, 256), 10_000, 256, 10_000,
                16 * 1024 * 1024, 5, 1_000, 300_000, 1024);
    }

    /** The same, with another warm-up and measuring time per scenario. */
    Settings withTiming(long warmup, long measure) {
        return new Settings(serverWarmupMillis, warmup, measure, echoSizes, echoConnections, fixedRate,
                fixedRateConnections, idleConnections, bigMessageBytes, bigRepeats, broadcastSessions, pushMessages,
                pushMessageBytes);
    }

    /** Messages in flight per connection in the echo rows: enough to keep a pipe full, fewer as connections grow. */
    static int echoWindow(int connections) {
        return connections == 1 ? 16 : connections <= 16 ? 8 : 4;
    }
}
