package org.bowline.container.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The default executor for session callbacks. */
public final class SessionExecutors {

    /** System property: "true" chooses virtual threads on JDK 21 and later. */
    public static final String VIRTUAL_THREADS = "bowline.virtualThreads";
    /**
     * System property: how many microseconds a session thread that has run out of work looks for more before
     * it parks, when work has lately come back that soon (see {@code IdleSpin}); 0 turns looking off.
     */
    public static final String SPIN_MICROS = "bowline.spinMicros";

    private static final long DEFAULT_SPIN_MICROS = 50;

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private SessionExecutors() {
    }

    /**
     * A {@link SessionWorkerPool}: as many threads at work as there are cores, more while callbacks block
     * (a blocked callback holds up another session's for at most two 1 ms ticks); idle threads end after
     * a minute. Virtual threads when asked for and available.
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
        return newDefault(platformThreads, DEFAULT_SPIN_MICROS);
    }

    /**
     * As {@link #newDefault(ThreadFactory)}, its threads looking for work for up to {@code defaultSpinMicros}
     * before they park unless {@value #SPIN_MICROS} says otherwise. A servlet host passes 0: there the host's
     * threads (a poller, then a worker) bring each burst, and a pool thread looking for work on their core
     * holds them up (ping-pong through the bridge, one server core: p50 28 µs on Jetty and 33–38 on Tomcat
     * without looking, 43 and 45–50 with 50 µs of it).
     */
    public static ExecutorService newDefault(ThreadFactory platformThreads, long defaultSpinMicros) {
        if (Boolean.getBoolean(VIRTUAL_THREADS)) {
            try {
                return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (ReflectiveOperationException e) {
                System.getLogger(SessionExecutors.class.getName()).log(System.Logger.Level.INFO,
                        "Virtual threads need JDK 21 or later; using platform threads");
            }
        }
        long spinMicros = Math.max(0, Long.getLong(SPIN_MICROS, defaultSpinMicros));
        return new SessionWorkerPool(platformThreads, Runtime.getRuntime().availableProcessors(), TICK_NANOS,
                KEEP_ALIVE_NANOS, TimeUnit.MICROSECONDS.toNanos(spinMicros));
    }
}
