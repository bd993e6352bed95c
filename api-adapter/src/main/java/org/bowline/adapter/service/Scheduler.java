package org.bowline.adapter.service;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task after a delay. Reconnecting waits through one, so tests can drive back-off with a
 * fake clock instead of sleeping.
 */
interface Scheduler {

    void schedule(Runnable task, Duration delay);

    /** The real one: a timer thread hands each due task to a pool (a connect attempt may block for its handshake timeout). */
    static Scheduler system() {
        return SystemScheduler.INSTANCE;
    }

    /** The shared real scheduler; daemon threads only. */
    final class SystemScheduler implements Scheduler {
        static final SystemScheduler INSTANCE = new SystemScheduler();

        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("timer"));
        private final ExecutorService runner = Executors.newCachedThreadPool(daemon("reconnect"));

        private SystemScheduler() {
        }

        @Override
        public void schedule(Runnable task, Duration delay) {
            timer.schedule(() -> runner.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        private static java.util.concurrent.ThreadFactory daemon(String role) {
            AtomicInteger count = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "bowline-client-" + role + "-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
