package org.bowline.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The table's arithmetic: medians and spread over rounds, and Bowline's ratio to the best peer in each direction. */
class TableTest {

    private static final Row THROUGHPUT = new Row("echo 32 B, 1 conn", "msg/s", true);
    private static final Row LATENCY = new Row("ping-pong 32 B p50", "µs", false);

    @Test
    void aCellIsTheMedianOfItsRoundsWithHalfTheRangeAsSpread() {
        Results results = new Results();
        for (double v : new double[] {90, 100, 130}) {
            results.add(THROUGHPUT, Implementation.TOMCAT, v);
        }
        assertEquals(100, results.median(THROUGHPUT, Implementation.TOMCAT).getAsDouble());
        assertEquals(0.2, results.spread(THROUGHPUT, Implementation.TOMCAT), 1e-9);
    }

    @Test
    void bowlineIsComparedWithTheBestPeerNotWithRawOrItself() {
        Results results = new Results();
        results.add(THROUGHPUT, Implementation.TOMCAT, 100);
        results.add(THROUGHPUT, Implementation.JETTY, 200);
        results.add(THROUGHPUT, Implementation.RAW, 1000);
        results.add(THROUGHPUT, Implementation.BOWLINE, 300);
        results.add(LATENCY, Implementation.UNDERTOW, 50);
        results.add(LATENCY, Implementation.TYRUS, 80);
        results.add(LATENCY, Implementation.BOWLINE, 40);

        String table = Table.markdown(results, List.of(Implementation.BOWLINE, Implementation.TOMCAT,
                Implementation.JETTY, Implementation.UNDERTOW, Implementation.TYRUS, Implementation.RAW));

        assertTrue(table.contains("| echo 32 B, 1 conn (msg/s ↑) | 300 (1.50×) | 100 | 200 | n/a | n/a | 1,000 |"), table);
        assertTrue(table.contains("| ping-pong 32 B p50 (µs ↓) | 40.0 (0.80×) | n/a | n/a | 50.0 | 80.0 | n/a |"), table);
    }

    @Test
    void aFailedCellSaysSo() {
        Results results = new Results();
        results.fail(THROUGHPUT, Implementation.TYRUS, "refused");
        String table = Table.markdown(results, List.of(Implementation.TYRUS));
        assertTrue(table.contains("| echo 32 B, 1 conn (msg/s ↑) | fail |"), table);
    }
}
