package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Exponential back-off: interval times backOffFactor to the attempt's power, capped by maxWaitInterval. */
class RetryConfigTest {

    @Test
    void theWaitGrowsByTheFactorUpToTheMaximum() {
        RetryConfig retry = new RetryConfig(0, Duration.ofMillis(500), 2.0, Duration.ofMillis(3000));
        assertEquals(Duration.ofMillis(500), retry.delayBefore(1));
        assertEquals(Duration.ofMillis(1000), retry.delayBefore(2));
        assertEquals(Duration.ofMillis(2000), retry.delayBefore(3));
        assertEquals(Duration.ofMillis(3000), retry.delayBefore(4));
        assertEquals(Duration.ofMillis(3000), retry.delayBefore(60), "no overflow far out");
    }

    @Test
    void maxCountLimitsTheAttemptsAndZeroMeansNoLimit() {
        RetryConfig three = new RetryConfig(3, Duration.ofMillis(10), 1.0, Duration.ofMillis(10));
        assertTrue(three.allows(3));
        assertFalse(three.allows(4));
        assertTrue(new RetryConfig(0, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)).allows(1_000_000));
    }

    @Test
    void nonsenseIsRefusedWithTheSettingsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryConfig(1, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("maxWaitInterval"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new RetryConfig(1, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("backOffFactor"), e.getMessage());
    }
}
