package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionWorkerPoolTest {

    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final Set<Thread> made = ConcurrentHashMap.newKeySet();
    private final ThreadFactory factory = task -> {
        Thread t = new Thread(task, "pool-test-" + made.size());
        t.setDaemon(true);
        made.add(t);
        return t;
    };
    private SessionWorkerPool pool;

    @AfterEach
    void shutDown() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the pool ended");
        }
    }

    @Test
    void tasksSubmittedWhileAWorkerIsBusyRunAfterItOnTheSameThreadWithoutWakingAnother() throws Exception {
        pool = new SessionWorkerPool(factory, 1, MINUTE, MINUTE);   // no watchdog tick during the test
        AtomicReference<Thread> first = new AtomicReference<>();
        Thread[] later = new Thread[2];
        CountDownLatch done = new CountDownLatch(2);
        pool.execute(() -> {
            first.set(Thread.currentThread());
            pool.execute(() -> {
                later[0] = Thread.currentThread();
                done.countDown();
            });
            pool.execute(() -> {
                later[1] = Thread.currentThread();
                done.countDown();
            });
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertSame(first.get(), later[0]);
        assertSame(first.get(), later[1]);
        assertEquals(1, pool.workers(), "one worker did it all");
    }

    @Test
    void aWorkerLookingForWorkTakesOneTaskAndABurstBehindItStillGetsOtherWorkers() throws Exception {
        long tenSeconds = TimeUnit.SECONDS.toNanos(10);   // looks for work throughout the test
        int burst = 4;
        pool = new SessionWorkerPool(factory, burst, MINUTE, MINUTE, tenSeconds);   // no watchdog tick either
        CountDownLatch firstDone = new CountDownLatch(1);
        pool.execute(firstDone::countDown);
        assertTrue(firstDone.await(10, TimeUnit.SECONDS));
        // Callbacks that each wait for all the others to start: fewer workers than tasks never finish them.
        CountDownLatch allStarted = new CountDownLatch(burst);
        CountDownLatch allReturned = new CountDownLatch(burst);
        Runnable task = () -> {
            allStarted.countDown();
            awaitQuietly(allStarted);
            allReturned.countDown();
        };
        for (int i = 0; i < burst; i++) {
            pool.execute(task);
        }
        assertTrue(allReturned.await(10, TimeUnit.SECONDS),
                allStarted.getCount() + " tasks of the burst were left to the worker that looked for work");
        assertEquals(burst, pool.workers());
    }

    @Test
    void aPoolShutDownWhileAWorkerLooksForWorkEndsWithoutWaitingOutTheSpin() throws Exception {
        pool = new SessionWorkerPool(factory, 1, MINUTE, MINUTE, TimeUnit.MINUTES.toNanos(10));
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the looking worker saw the shutdown");
    }

    @Test
    void aTaskSubmittedAfterTheWorkerStoppedLookingAndParkedStillRuns() throws Exception {
        pool = new SessionWorkerPool(factory, 1, MINUTE, MINUTE, TimeUnit.MILLISECONDS.toNanos(1));
        Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 50; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            pool.execute(() -> {
                ranOn.add(Thread.currentThread());
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS), "task " + i);
            Thread worker = ranOn.iterator().next();
            if (i % 2 == 0) {
                // Every other one after the worker has given up looking and parked; the others at once.
                SessionHarness.awaitTrue(() -> worker.getState() == Thread.State.TIMED_WAITING,
                        () -> "the worker parks after its spin, is " + worker.getState());
            }
        }
        assertEquals(1, ranOn.size(), "one worker ran them all");
    }

    @Test
    void aTaskQueuedBehindACallbackThatBlocksIsStartedByAnotherThread() throws Exception {
        pool = new SessionWorkerPool(factory, 1, TICK, MINUTE);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch ranBehind = new CountDownLatch(1);
        pool.execute(() -> {
            blocked.countDown();
            awaitQuietly(release);
        });
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        pool.execute(ranBehind::countDown);
        try {
            assertTrue(ranBehind.await(10, TimeUnit.SECONDS), "the watchdog gave the queued task a thread");
        } finally {
            release.countDown();
        }
    }

    @Test
    void everyCallbackBlockedAtOnceIsMadeUpForWithinAFewTicksNotOneThreadPerTick() throws Exception {
        long tick = TimeUnit.MILLISECONDS.toNanos(100);
        pool = new SessionWorkerPool(factory, 1, tick, MINUTE);
        int blockers = 20;
        CountDownLatch allStarted = new CountDownLatch(blockers);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < blockers; i++) {
            pool.execute(() -> {
                allStarted.countDown();
                awaitQuietly(release);
            });
        }
        try {
            // One more thread per tick would take at least 19 ticks; doubling what is added, about 5.
            assertTrue(allStarted.await(10 * 100, TimeUnit.MILLISECONDS),
                    allStarted.getCount() + " of " + blockers + " blocked callbacks still waited after 10 ticks");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aTaskThatWaitsForTheTaskQueuedBehindItDoesNotDeadlock() throws Exception {
        pool = new SessionWorkerPool(factory, 1, TICK, MINUTE);
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch firstEnded = new CountDownLatch(1);
        pool.execute(() -> {
            pool.execute(second::countDown);
            awaitQuietly(second);
            firstEnded.countDown();
        });
        assertTrue(firstEnded.await(10, TimeUnit.SECONDS));
    }

    @Test
    void aCallbackWaitingOnItsSendGivesQueuedWorkAnotherWorkerAtOnce() throws Exception {
        pool = new SessionWorkerPool(factory, 1, MINUTE, MINUTE);   // the watchdog never looks
        SendFuture send = new SendFuture();
        CountDownLatch waited = new CountDownLatch(1);
        pool.execute(() -> {
            pool.execute(send::completed);   // queued behind the callback that waits for it
            try {
                send.get();
                waited.countDown();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(waited.await(10, TimeUnit.SECONDS), "the send's completion ran while its sender waited");
        assertEquals(2, pool.workers());
    }

    @Test
    void aBlockingSendWaitingForItsWriteGivesQueuedWorkAnotherWorkerAtOnce() throws Exception {
        pool = new SessionWorkerPool(factory, 1, MINUTE, MINUTE);
        BlockingWrite write = BlockingWrite.take(new java.util.concurrent.atomic.AtomicReference<>());
        CountDownLatch returned = new CountDownLatch(1);
        pool.execute(() -> {
            pool.execute(write::completed);
            try {
                write.await(0);
                returned.countDown();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(returned.await(10, TimeUnit.SECONDS), "the write completed while the blocking send waited");
    }

    @Test
    void aWorkerBackFromAWaitWhileTheWatchdogSleptIsStillRescuedWhenItBlocksAgain() throws Exception {
        pool = new SessionWorkerPool(factory, 1, TICK, MINUTE);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch endWait = new CountDownLatch(1);
        CountDownLatch blockedAgain = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ranBehind = new CountDownLatch(1);
        pool.execute(() -> {
            Object token = SessionWorkerPool.blockingBegins();   // no worker counts and nothing waits: no ticking
            waiting.countDown();
            awaitQuietly(endWait);
            SessionWorkerPool.blockingEnds(token);
            blockedAgain.countDown();
            awaitQuietly(release);                              // a block Bowline cannot see
        });
        try {
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.watchdogTicking() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertFalse(pool.watchdogTicking(), "the watchdog does not tick while nothing waits");
            endWait.countDown();
            assertTrue(blockedAgain.await(10, TimeUnit.SECONDS));
            pool.execute(ranBehind::countDown);
            assertTrue(ranBehind.await(10, TimeUnit.SECONDS), "the task behind the second block got a worker");
        } finally {
            endWait.countDown();
            release.countDown();
        }
    }

    @Test
    void theWatchdogWakesOnlyForWorkWaitingBehindBusyWorkers() throws Exception {
        pool = new SessionWorkerPool(factory, 2, TICK, MINUTE);
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ranBehind = new CountDownLatch(1);
        try {
            for (int i = 0; i < 2; i++) {
                pool.execute(() -> {
                    bothRunning.countDown();
                    awaitQuietly(release);
                });
            }
            assertTrue(bothRunning.await(10, TimeUnit.SECONDS));
            assertFalse(pool.watchdogTicking(), "each task found a free worker: nothing for the watchdog to watch");
            assertEquals(2, pool.liveThreads(), "two workers and no watchdog thread");

            pool.execute(ranBehind::countDown);   // behind two blocked workers
            assertTrue(ranBehind.await(10, TimeUnit.SECONDS), "the watchdog saw the blocked workers and added one");
        } finally {
            release.countDown();
        }
    }

    @Test
    void asManyWorkersStartAsThereAreCoresToUse() throws Exception {
        pool = new SessionWorkerPool(factory, 2, MINUTE, MINUTE);
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                bothRunning.countDown();
                awaitQuietly(release);
            });
        }
        try {
            assertTrue(bothRunning.await(10, TimeUnit.SECONDS), "two tasks ran at once without the watchdog");
        } finally {
            release.countDown();
        }
    }

    @Test
    void idleWorkersAndTheWatchdogEndAfterTheKeepAlive() throws Exception {
        pool = new SessionWorkerPool(factory, 1, TICK, TimeUnit.MILLISECONDS.toNanos(50));
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        for (Thread t : made) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " ended");
        }
        assertEquals(0, pool.liveThreads());
        CountDownLatch again = new CountDownLatch(1);
        pool.execute(again::countDown);
        assertTrue(again.await(10, TimeUnit.SECONDS), "a new worker starts for work after the old ones ended");
    }

    @Test
    void shutdownRunsWhatWasQueuedThenEndsEveryThreadAndRefusesNewTasks() throws Exception {
        pool = new SessionWorkerPool(factory, 1, TICK, MINUTE);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        pool.execute(() -> awaitQuietly(release));
        for (int i = 0; i < 5; i++) {
            pool.execute(ran::incrementAndGet);
        }
        pool.shutdown();
        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class,
                () -> pool.execute(ran::incrementAndGet));
        assertTrue(refused.getMessage().contains("shut down"), refused.getMessage());
        release.countDown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(5, ran.get());
        for (Thread t : made) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " ended");
        }
    }

    /**
     * A web application's stop shuts its pool down and then checks that none of its threads is left; a
     * callback whose send was waiting then returns. Coming back from that wait must not start a thread (the
     * watchdog) for a pool that is shut down with nothing queued.
     */
    @Test
    void aWaitThatEndsAfterShutdownStartsNoThread() throws Exception {
        pool = new SessionWorkerPool(factory, 1, TICK, MINUTE);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            Object token = SessionWorkerPool.blockingBegins();
            waiting.countDown();
            awaitQuietly(release);
            SessionWorkerPool.blockingEnds(token);
        });
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        pool.shutdown();
        // The watchdog ends once the pool is shut down with no worker counted at work: the waiting one is not.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.liveThreads() > 1) {
            assertTrue(System.nanoTime() < deadline, "the watchdog did not end after shutdown");
            Thread.sleep(1);
        }
        int threadsBefore = made.size();

        release.countDown();

        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(threadsBefore, made.size(), "threads started after shutdown: " + made);
    }

    @Test
    void shutdownNowHandsBackWhatNeverRanAndInterruptsWhatRuns() throws Exception {
        pool = new SessionWorkerPool(factory, 1, MINUTE, MINUTE);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        pool.execute(() -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        Runnable neverRan = () -> { };
        pool.execute(neverRan);
        List<Runnable> left = pool.shutdownNow();
        assertEquals(List.of(neverRan), left);
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailingTaskDoesNotCostTheWorker() throws Exception {
        pool = new SessionWorkerPool(factory, 1, MINUTE, MINUTE);
        CountDownLatch after = new CountDownLatch(1);
        pool.execute(() -> {
            pool.execute(after::countDown);
            throw new IllegalStateException("a Bowline bug, logged");
        });
        assertTrue(after.await(10, TimeUnit.SECONDS));
        assertEquals(1, pool.workers());
    }

    @Test
    void manySubmittersRaceIdleWorkersWithoutLosingATask() throws Exception {
        pool = new SessionWorkerPool(factory, 2, TICK, MINUTE);
        int submitters = 4;
        int each = 20_000;
        CountDownLatch all = new CountDownLatch(submitters * each);
        Thread[] threads = new Thread[submitters];
        for (int s = 0; s < submitters; s++) {
            threads[s] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    pool.execute(all::countDown);
                    if (i % 64 == 0) {
                        Thread.yield();   // lets workers drain and park, so submissions race going idle
                    }
                }
            });
            threads[s].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(all.await(30, TimeUnit.SECONDS), all.getCount() + " tasks never ran");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
