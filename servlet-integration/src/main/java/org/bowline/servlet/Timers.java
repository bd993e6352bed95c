package org.bowline.servlet;

import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer thread a web application's connections share for the engine's idle, close and send
 * timeouts (short tasks that never run application code). One per web application, not per JVM,
 * so that undeploying an application that bundles Bowline leaves no thread holding its class loader.
 */
final class Timers {

    /** Stands in for a timer that could not be scheduled because its web application stopped. */
    static final ScheduledFuture<Object> NEVER = new ScheduledFuture<>() {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return true;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    };

    private Timers() {
    }

    static ScheduledExecutorService newDaemon(String name) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
        // Idle timers are cancelled and re-armed constantly; cancelled ones must not pile up.
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
