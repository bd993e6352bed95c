package org.bowline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Reconnect delays: computed, not waited for. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0);

    @Test
    void delaysDoubleFromTheInitialOneUpToTheMaximum() {
        // random 1.0 (just below, in practice) gives the ceiling of each step
        assertEquals(100, backoff.delayMillis(0, () -> 1.0));
        assertEquals(200, backoff.delayMillis(1, () -> 1.0));
        assertEquals(400, backoff.delayMillis(2, () -> 1.0));
        assertEquals(3200, backoff.delayMillis(5, () -> 1.0));
        assertEquals(5000, backoff.delayMillis(6, () -> 1.0));
        assertEquals(5000, backoff.delayMillis(1000, () -> 1.0));
    }

    @Test
    void eachDelayIsDrawnFromTheUpperHalfSoNodesDoNotKnockTogether() {
        assertEquals(50, backoff.delayMillis(0, () -> 0.0));
        assertEquals(2500, backoff.delayMillis(30, () -> 0.0));
        long middle = backoff.delayMillis(3, () -> 0.5);
        assertTrue(middle > 400 && middle < 800, "attempt 3 between 400 and 800 ms, was " + middle);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5));
    }
}
