package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdleSpinTest {

    private static final long MAX = 50_000;

    @Test
    void aWorkerWithNoHistoryLooksForWorkBeforeItParks() {
        assertEquals(MAX, new IdleSpin(MAX).nanos(0));
    }

    @Test
    void workThatComesBackLaterThanTheSpinStopsTheLookingAndWorkThatComesBackSoonerStartsItAgain() {
        IdleSpin spin = new IdleSpin(MAX);
        int gaps = 0;
        while (spin.nanos(0) > 0) {
            spin.workCameAfter(1_000_000);   // sporadic traffic: a millisecond between bursts
            gaps++;
        }
        assertEquals(0, spin.nanos(0), "parks at once while work comes back late");
        assertEquals(true, gaps <= 8, "stopped looking after " + gaps + " long gaps");
        int back = 0;
        while (spin.nanos(0) == 0) {
            spin.workCameAfter(15_000);   // a round trip on a fast network
            back++;
        }
        assertEquals(MAX, spin.nanos(0));
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
        assertEquals(MAX, spin.nanos(0));
    }

    @Test
    void aYieldThatAnotherThreadHeldUpMakesTheWorkerParkAtOnceUntilTheBackOffIsOver() {
        IdleSpin spin = new IdleSpin(MAX);
        long slow = IdleSpin.HELD_UP_FACTOR * MAX;
        assertFalse(spin.heldUp(slow, 1_000), "a yield of " + slow + " ns: the core is not taken from it");
        assertEquals(MAX, spin.nanos(1_000));

        assertTrue(spin.heldUp(slow + 1, 2_000), "a longer yield: another thread had the core");
        assertEquals(0, spin.nanos(2_000));
        assertEquals(0, spin.nanos(2_000 + IdleSpin.SHARED_CORE_BACK_OFF_NANOS - 1));
        assertEquals(MAX, spin.nanos(2_000 + IdleSpin.SHARED_CORE_BACK_OFF_NANOS), "looks again after the back-off");
    }

    @Test
    void theBackOffEndsOnTimeWhereverTheClockStands() {
        // System.nanoTime may be negative or wrap; only differences count.
        IdleSpin spin = new IdleSpin(MAX);
        long late = Long.MAX_VALUE - IdleSpin.SHARED_CORE_BACK_OFF_NANOS / 2;
        spin.heldUp(Long.MAX_VALUE / 4, late);
        assertEquals(0, spin.nanos(late + 1), "before the clock wraps, the back-off's end after it");
        assertEquals(0, spin.nanos(late + IdleSpin.SHARED_CORE_BACK_OFF_NANOS - 1));
        assertEquals(MAX, spin.nanos(late + IdleSpin.SHARED_CORE_BACK_OFF_NANOS));
    }

    @Test
    void aSpinOfZeroNeverLooks() {
        IdleSpin spin = new IdleSpin(0);
        assertEquals(0, spin.nanos(0));
        spin.workCameAfter(0);
        assertEquals(0, spin.nanos(0));
    }

    @Test
    void aNegativeSpinIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IdleSpin(-1));
    }
}
