package org.bowline.servlet;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread every servlet-hosted connection shares (handshake-free: only the engine's
 * idle, close and send timeouts, which are short tasks that never run application code). A daemon,
 * so it never keeps a JVM alive after its servlet container stopped.
 */
final class SharedScheduler {

    private static final ScheduledExecutorService INSTANCE = create();

    private SharedScheduler() {
    }

    static ScheduledExecutorService get() {
        return INSTANCE;
    }

    private static ScheduledExecutorService create() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "bowline-servlet-timer");
            t.setDaemon(true);
            return t;
        });
        // Idle timers are cancelled and re-armed constantly; cancelled ones must not pile up.
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
