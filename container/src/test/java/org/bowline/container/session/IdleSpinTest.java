package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IdleSpinTest {

    private static final long MAX = 50_000;

    @Test
    void aWorkerWithNoHistoryLooksForWorkBeforeItParks() {
        assertEquals(MAX, new IdleSpin(MAX).nanos());
    }

    @Test
    void workThatComesBackLaterThanTheSpinStopsTheLookingAndWorkThatComesBackSoonerStartsItAgain() {
        IdleSpin spin = new IdleSpin(MAX);
        int gaps = 0;
        while (spin.nanos() > 0) {
            spin.workCameAfter(1_000_000);   // sporadic traffic: a millisecond between bursts
            gaps++;
        }
        assertEquals(0, spin.nanos(), "parks at once while work comes back late");
        assertEquals(true, gaps <= 8, "stopped looking after " + gaps + " long gaps");
        int back = 0;
        while (spin.nanos() == 0) {
            spin.workCameAfter(15_000);   // a round trip on a fast network
            back++;
        }
        assertEquals(MAX, spin.nanos());
        // Long gaps count as at most four times the spin, so a long idle spell is forgotten in a few gaps.
        assertEquals(true, back <= 16, "looked again after " + back + " short gaps");
    }

    @Test
    void oneLongIdleSpellAmongShortGapsDoesNotStopTheLooking() {
        IdleSpin spin = new IdleSpin(MAX);
        for (int i = 0; i < 20; i++) {
            spin.workCameAfter(10_000);
        }
        spin.workCameAfter(60_000_000_000L);   // a minute without traffic
        assertEquals(MAX, spin.nanos());
    }

    @Test
    void aSpinOfZeroNeverLooks() {
        IdleSpin spin = new IdleSpin(0);
        assertEquals(0, spin.nanos());
        spin.workCameAfter(0);
        assertEquals(0, spin.nanos());
    }

    @Test
    void aNegativeSpinIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IdleSpin(-1));
    }
}
