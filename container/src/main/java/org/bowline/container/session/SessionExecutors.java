package org.bowline.container.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The default executor for session callbacks. */
public final class SessionExecutors {

    /** System property: "true" chooses virtual threads on JDK 21 and later. */
    public static final String VIRTUAL_THREADS = "bowline.virtualThreads";

    private SessionExecutors() {
    }

    /**
     * A pool that grows with demand, so a blocking endpoint holds up only its own session; idle
     * threads die after a minute. Virtual threads when asked for and available.
     */
    public static ExecutorService newDefault(String name) {
        AtomicInteger count = new AtomicInteger();
        return newDefault(r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** As {@link #newDefault(String)}, with platform threads (when used) made by {@code platformThreads}. */
    public static ExecutorService newDefault(ThreadFactory platformThreads) {
        if (Boolean.getBoolean(VIRTUAL_THREADS)) {
            try {
                return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (ReflectiveOperationException e) {
                System.getLogger(SessionExecutors.class.getName()).log(System.Logger.Level.INFO,
                        "Virtual threads need JDK 21 or later; using platform threads");
            }
        }
        return Executors.newCachedThreadPool(platformThreads);
    }
}
