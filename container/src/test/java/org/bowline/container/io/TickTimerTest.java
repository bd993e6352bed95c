package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A task added to the tick timer runs once, on the timer's thread, on its next tick; the timer ticks only while tasks wait. */
class TickTimerTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final TickTimer ticks = new TickTimer(scheduler);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static final class Counting extends TickTimer.Task {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch ran = new CountDownLatch(1);
        volatile Thread thread;
        Runnable then = () -> { };

        @Override
        protected void onTick() {
            thread = Thread.currentThread();
            runs.incrementAndGet();
            then.run();
            ran.countDown();
        }
    }

    /**
     * Keeps the timer's one thread busy until the returned gate is opened, so no tick runs meanwhile: what a
     * test adds "before the tick" is then before it whatever the machine's scheduling.
     */
    private CountDownLatch holdTimerThread() throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        scheduler.execute(() -> {
            holding.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        return gate;
    }

    @Test
    void aTaskRunsOnceOnTheTimerThreadWhateverHowOftenItWasAddedBeforeItsTick() throws Exception {
        Counting task = new Counting();
        CountDownLatch gate = holdTimerThread();
        ticks.add(task);
        ticks.add(task);
        ticks.add(task);
        gate.countDown();
        assertTrue(task.ran.await(10, TimeUnit.SECONDS));
        awaitNoTickScheduled();
        assertEquals(1, task.runs.get());
        assertTrue(task.thread != Thread.currentThread());
    }

    @Test
    void manyTasksAddedTogetherRunOnOneTickAndTheTimerStopsTicking() throws Exception {
        Counting[] tasks = new Counting[100];
        CountDownLatch gate = holdTimerThread();
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = new Counting();
            ticks.add(tasks[i]);
        }
        gate.countDown();
        for (Counting t : tasks) {
            assertTrue(t.ran.await(10, TimeUnit.SECONDS));
        }
        awaitNoTickScheduled();
        assertEquals(2, scheduler.getCompletedTaskCount(), "the gate and one tick: ticks do not grow with the tasks");
    }

    @Test
    void aTaskMayBeAddedAgainFromItsOwnTickAndRunsOnTheNextOne() throws Exception {
        Counting task = new Counting();
        CountDownLatch second = new CountDownLatch(2);
        task.then = () -> {
            second.countDown();
            if (task.runs.get() == 1) {
                ticks.add(task);
            }
        };
        ticks.add(task);
        assertTrue(second.await(10, TimeUnit.SECONDS));
        awaitNoTickScheduled();
        assertEquals(2, task.runs.get());
    }

    @Test
    void tasksAddedFromManyThreadsAllRun() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        Counting[] tasks = new Counting[threads * perThread];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = new Counting();
        }
        Thread[] adders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int from = t * perThread;
            adders[t] = new Thread(() -> {
                for (int i = from; i < from + perThread; i++) {
                    ticks.add(tasks[i]);
                }
            });
            adders[t].start();
        }
        for (Thread a : adders) {
            a.join();
        }
        for (Counting task : tasks) {
            assertTrue(task.ran.await(10, TimeUnit.SECONDS));
            assertEquals(1, task.runs.get());
        }
    }

    /** The last tick finds nothing waiting and schedules no other: the timer's queue empties. */
    private void awaitNoTickScheduled() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((!scheduler.getQueue().isEmpty() || scheduler.getActiveCount() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(scheduler.getQueue().isEmpty(), "no tick is scheduled once nothing waits");
    }
}
