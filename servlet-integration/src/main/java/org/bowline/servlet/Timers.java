package org.bowline.servlet;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The timer thread a web application's connections share for the engine's idle, close and send
 * timeouts (short tasks that never run application code). One per web application, not per JVM,
 * so that undeploying an application that bundles Bowline leaves no thread holding its class loader.
 */
final class Timers {

    private Timers() {
    }

    static ScheduledExecutorService newScheduler(ThreadFactory thread) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, thread);
        // Idle timers are cancelled and re-armed constantly; cancelled ones must not pile up.
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
