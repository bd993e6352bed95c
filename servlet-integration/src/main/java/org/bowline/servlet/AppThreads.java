package org.bowline.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes, and remembers, the threads one web application's Bowline runs (session callbacks,
 * timers): named after the application, with its class loader as their context class loader. When
 * the application stops, every one of them must have ended before its class loader goes away, or
 * the thread would keep that class loader (and everything it loaded) alive.
 */
final class AppThreads {

    private final String contextPath;
    private final ClassLoader loader;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    AppThreads(String contextPath, ClassLoader loader) {
        this.contextPath = contextPath == null ? "" : contextPath;
        this.loader = loader;
    }

    /** Threads named {@code bowline-ROLE/context-N} ({@code bowline-ROLE-N} for the root context). */
    ThreadFactory factory(String role) {
        AtomicInteger count = new AtomicInteger();
        return task -> newThread(task, "bowline-" + role + contextPath + "-" + count.incrementAndGet());
    }

    /** One thread at a time, named {@code bowline-ROLE/context}. */
    ThreadFactory single(String role) {
        return task -> newThread(task, "bowline-" + role + contextPath);
    }

    private Thread newThread(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setContextClassLoader(loader);
        // Pools replace their threads now and then; the ended ones need not be remembered.
        threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
        threads.add(t);
        return t;
    }

    /** Waits for every thread made here to end, until {@code deadlineNanos}; returns those still running. */
    List<Thread> awaitEnded(long deadlineNanos) throws InterruptedException {
        List<Thread> running = new ArrayList<>();
        for (Thread t : threads) {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (t.isAlive()) {
                running.add(t);
            }
        }
        return running;
    }
}
