package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A session's callbacks run one at a time in order, and replies are held only while more of the session's
 * callbacks are already waiting: before the last one waiting runs, what was held is written.
 */
class SerialExecutorTest {

    /** Records the executor's hold/flush calls among the tasks' own entries. */
    private static final class Recorder implements SerialExecutor.ReplyBatching {
        final List<String> log = new ArrayList<>();

        @Override
        public synchronized void holdWrites(boolean moreWaiting) {
            log.add(moreWaiting ? "hold" : "hold last");
        }

        @Override
        public synchronized void flushHeldWrites() {
            log.add("flush");
        }

        synchronized void add(String entry) {
            log.add(entry);
        }

        synchronized List<String> snapshot() {
            return List.copyOf(log);
        }
    }

    /** Runs the drain only when the test says so, so tasks queued together are seen together. */
    private static final class Gate implements java.util.concurrent.Executor {
        final List<Runnable> submitted = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            submitted.add(command);
        }
    }

    @Test
    void callbacksQueuedTogetherHoldTheirRepliesUntilTheLastOneWaitingAndFlushWhenNoneIsLeft() {
        Recorder batching = new Recorder();
        Gate pool = new Gate();
        SerialExecutor executor = new SerialExecutor(pool, batching);
        for (int i = 1; i <= 3; i++) {
            int n = i;
            executor.execute(() -> batching.add("task " + n));
        }
        assertEquals(1, pool.submitted.size(), "one drain for the three");
        pool.submitted.get(0).run();
        assertEquals(List.of("hold", "task 1", "hold", "task 2", "hold last", "task 3", "flush"), batching.snapshot());
    }

    @Test
    void aLoneCallbackIsTheLastOneWaiting() {
        Recorder batching = new Recorder();
        Gate pool = new Gate();
        SerialExecutor executor = new SerialExecutor(pool, batching);
        executor.execute(() -> batching.add("only"));
        pool.submitted.get(0).run();
        assertEquals(List.of("hold last", "only", "flush"), batching.snapshot());
    }

    @Test
    void aCallbackQueuedWhileTheLastRunsRunsNextAndTheFlushWaitsForIt() {
        Recorder batching = new Recorder();
        Gate pool = new Gate();
        SerialExecutor executor = new SerialExecutor(pool, batching);
        executor.execute(() -> {
            batching.add("first");
            executor.execute(() -> batching.add("second"));
        });
        pool.submitted.get(0).run();
        assertEquals(List.of("hold last", "first", "hold last", "second", "flush"), batching.snapshot());
        assertEquals(1, pool.submitted.size(), "the running drain took the second task");
    }

    @Test
    void tasksRunOneAtATimeInSubmissionOrderOnAPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Recorder batching = new Recorder();
            SerialExecutor executor = new SerialExecutor(pool, batching);
            List<Integer> seen = new ArrayList<>();
            int[] running = {0};
            int[] maxRunning = {0};
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                executor.execute(() -> {
                    synchronized (running) {
                        maxRunning[0] = Math.max(maxRunning[0], ++running[0]);
                    }
                    seen.add(n);
                    synchronized (running) {
                        running[0]--;
                    }
                });
            }
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            executor.execute(done::countDown);
            done.await(10, TimeUnit.SECONDS);
            assertEquals(1, maxRunning[0]);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                expected.add(i);
            }
            assertEquals(expected, seen);
            // The flush comes after the last task returns, so it may trail the latch by a moment.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<String> log = batching.snapshot();
            while (!log.get(log.size() - 1).equals("flush") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                log = batching.snapshot();
            }
            assertEquals("flush", log.get(log.size() - 1), "nothing stays held once the queue is empty");
        } finally {
            pool.shutdownNow();
        }
    }
}
