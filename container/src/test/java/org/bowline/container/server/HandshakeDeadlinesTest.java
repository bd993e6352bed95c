package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One timer task at a time serves every handshake deadline of a server, all of one length. */
class HandshakeDeadlinesTest {

    private static final long TIMEOUT = 10_000;

    private long now = 1_000;
    private final HandshakeDeadlines deadlines = new HandshakeDeadlines(TIMEOUT, () -> now);
    /** What the deadlines asked the timer for, in order: the task and its delay. */
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final HandshakeDeadlines.Timer timer = (task, delayNanos) -> {
        tasks.add(task);
        delays.add(delayNanos);
    };
    private final List<String> expired = new ArrayList<>();

    private HandshakeDeadlines.Deadline deadline(String name) {
        return new HandshakeDeadlines.Deadline() {
            @Override
            protected void expire() {
                expired.add(name);
            }
        };
    }

    /** Runs the {@code index}th task the timer was given, as the timer would once its delay passed. */
    private void runTimerTask(int index) {
        tasks.get(index).run();
    }

    @Test
    void manyHandshakesUnderWayShareOneTimerTask() {
        for (int i = 0; i < 100; i++) {
            deadlines.arm(deadline("h" + i), timer);
            now += 10;
        }
        assertEquals(1, tasks.size());
        assertEquals(List.of(TIMEOUT), delays);
        assertEquals(100, deadlines.armed());
    }

    @Test
    void aHandshakeStillUnderWayAtItsDeadlineExpiresThenAndTheSweepWaitsForTheNextOne() {
        HandshakeDeadlines.Deadline first = deadline("first");
        deadlines.arm(first, timer);
        now += 3_000;
        deadlines.arm(deadline("second"), timer);

        now += TIMEOUT - 3_000;   // the first one's deadline
        runTimerTask(0);
        assertEquals(List.of("first"), expired);
        assertEquals(2, tasks.size(), "a sweep for the second deadline");
        assertEquals(3_000L, delays.get(1));

        now += 3_000;
        runTimerTask(1);
        assertEquals(List.of("first", "second"), expired);
        assertEquals(2, tasks.size(), "nothing armed: no further sweep");
        assertEquals(0, deadlines.armed());
    }

    @Test
    void aFinishedHandshakeNeverExpires() {
        HandshakeDeadlines.Deadline done = deadline("done");
        deadlines.arm(done, timer);
        deadlines.arm(deadline("slow"), timer);
        deadlines.disarm(done);
        now += TIMEOUT;
        runTimerTask(0);
        assertEquals(List.of("slow"), expired);
    }

    @Test
    void disarmingTheMiddleOrTheLastOrTwiceKeepsTheOthersInOrder() {
        HandshakeDeadlines.Deadline a = deadline("a");
        HandshakeDeadlines.Deadline b = deadline("b");
        HandshakeDeadlines.Deadline c = deadline("c");
        HandshakeDeadlines.Deadline d = deadline("d");
        for (HandshakeDeadlines.Deadline x : List.of(a, b, c, d)) {
            deadlines.arm(x, timer);
        }
        deadlines.disarm(b);
        deadlines.disarm(d);
        deadlines.disarm(d);
        assertEquals(2, deadlines.armed());
        now += TIMEOUT;
        runTimerTask(0);
        assertEquals(List.of("a", "c"), expired);
    }

    @Test
    void afterTheListEmptiedTheNextHandshakeSchedulesASweepAgain() {
        HandshakeDeadlines.Deadline only = deadline("only");
        deadlines.arm(only, timer);
        deadlines.disarm(only);
        now += TIMEOUT;
        runTimerTask(0);   // finds nothing armed and does not reschedule
        assertEquals(1, tasks.size());

        deadlines.arm(deadline("next"), timer);
        assertEquals(2, tasks.size());
        now += TIMEOUT;
        runTimerTask(1);
        assertEquals(List.of("next"), expired);
    }

    @Test
    void aDeadlineThatFailsToExpireDoesNotStopTheOthers() {
        deadlines.arm(new HandshakeDeadlines.Deadline() {
            @Override
            protected void expire() {
                throw new IllegalStateException("boom");
            }
        }, timer);
        deadlines.arm(deadline("after"), timer);
        now += TIMEOUT;
        runTimerTask(0);
        assertEquals(List.of("after"), expired);
    }

    @Test
    void aDeadlineCanBeArmedAgainOnlyOnceItIsDisarmedOrExpired() {
        HandshakeDeadlines.Deadline reused = deadline("reused");
        deadlines.arm(reused, timer);
        assertThrows(IllegalStateException.class, () -> deadlines.arm(reused, timer));
        deadlines.disarm(reused);
        deadlines.arm(reused, timer);
        assertEquals(1, deadlines.armed());
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new HandshakeDeadlines(0));
    }
}
