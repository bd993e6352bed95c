package org.bowline.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke check of the load benchmark, not a measurement: every implementation's server starts
 * from its own class path and echoes what the load generator sends, and every scenario completes
 * against Bowline. Tiny sizes and fractions of a second, so it fits the normal build.
 */
class LoadBenchmarkSmokeIT {

    private static final Layout LAYOUT = Layout.fromCodeLocation();

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(progress, true, StandardCharsets.UTF_8);

    @Test
    void everyImplementationStartsAndEchoes(@TempDir Path dir) throws Exception {
        Compare.Options options = Compare.parse(new String[] {"--scenarios", "echo", "--rounds", "1",
                "--server-warmup", "0.3", "--warmup", "0", "--seconds", "0.2", "--echo-sizes", "32", "--echo-conns", "2", "--no-pin",
                "--out", dir.resolve("table.md").toString()}, LAYOUT);

        Results results = Compare.measure(options, LAYOUT, Pinning.NONE, log);

        Row echo = results.rows().get(0);
        for (Implementation implementation : Implementation.values()) {
            OptionalDouble messagesPerSecond = results.median(echo, implementation);
            assertTrue(messagesPerSecond.isPresent() && messagesPerSecond.getAsDouble() > 0,
                    implementation.id + " echoed nothing; progress:\n" + progress);
        }
        // Each server first had its untimed warm-up, which needs the same echo.
        assertEquals(Implementation.values().length, progress.toString().split("\\(server warm-up", -1).length - 1,
                progress.toString());
        String table = Table.markdown(results, Implementation.all());
        assertTrue(table.startsWith("| scenario | bowline | bowline-jetty | bowline-tomcat | tomcat | jetty | undertow "
                + "| tyrus | raw |"), table);
        assertTrue(table.contains("| echo 32 B, 2 conns (msg/s ↑) |"), table);
    }

    @Test
    void everyScenarioCompletesAgainstBowline(@TempDir Path dir) throws Exception {
        Compare.Options options = Compare.parse(new String[] {"--impls", "bowline", "--rounds", "1",
                "--server-warmup", "0", "--warmup", "0", "--seconds", "0.2", "--echo-sizes", "1024", "--echo-conns", "4",
                "--idle-conns", "100",
                "--broadcast-sessions", "10", "--push-messages", "500", "--big-bytes", "1048576", "--no-pin",
                "--out", dir.resolve("table.md").toString()}, LAYOUT);

        Results results = Compare.measure(options, LAYOUT, Pinning.NONE, log);

        List<Row> rows = results.rows();
        assertEquals(13, rows.size(), "rows: " + rows);
        for (Row row : rows) {
            assertEquals(1, results.values(row, Implementation.BOWLINE).size(),
                    row.label() + " was not measured; progress:\n" + progress);
        }
        Row handshakes = rows.stream().filter(r -> r.label().startsWith("handshakes/s")).findFirst().orElseThrow();
        assertTrue(results.median(handshakes, Implementation.BOWLINE).getAsDouble() > 0, "handshakes/s");
    }

    @Test
    void warmHandshakesAreMeasuredOnlyWhenNamed(@TempDir Path dir) throws Exception {
        Compare.Options options = Compare.parse(new String[] {"--impls", "bowline", "--rounds", "1",
                "--server-warmup", "0", "--scenarios", "handshakes", "--idle-conns", "100", "--no-pin", "--out", dir.resolve("table.md").toString()},
                LAYOUT);

        Results results = Compare.measure(options, LAYOUT, Pinning.NONE, log);

        List<Row> rows = results.rows();
        assertEquals(1, rows.size(), "rows: " + rows);
        assertEquals("handshakes/s, warm: 100 conns, pass 6 of 6", rows.get(0).label());
        assertTrue(results.median(rows.get(0), Implementation.BOWLINE).getAsDouble() > 0, "progress:\n" + progress);
    }

    @Test
    void theEchoBesideBigRoundTripsIsMeasuredOnlyWhenNamed(@TempDir Path dir) throws Exception {
        Compare.Options options = Compare.parse(new String[] {"--impls", "bowline,raw", "--rounds", "1",
                "--server-warmup", "0", "--warmup", "0.5", "--seconds", "1", "--scenarios", "beside",
                "--big-bytes", String.valueOf(2 << 20), "--no-pin", "--out", dir.resolve("table.md").toString()},
                LAYOUT);

        Results results = Compare.measure(options, LAYOUT, Pinning.NONE, log);

        List<Row> rows = results.rows();
        assertEquals(List.of("32 B echo beside 2 MiB round trips p50", "32 B echo beside 2 MiB round trips p99"),
                rows.stream().map(Row::label).toList());
        for (Row row : rows) {
            for (Implementation impl : List.of(Implementation.BOWLINE, Implementation.RAW)) {
                assertTrue(results.median(row, impl).orElse(0) > 0, row.label() + " of " + impl + "; progress:\n"
                        + progress);
            }
        }
    }

    @Test
    void anUnknownOptionNamesItself() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Compare.parse(new String[] {"--impls", "netty"}, LAYOUT));
        assertTrue(e.getMessage().contains("netty"), e.getMessage());
    }
}
