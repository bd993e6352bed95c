package org.bowline.container.io;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A coarse clock for many short deadlines: a task added now runs once on the timer's next tick, at most
 * {@link #TICK_MICROS} µs later, on the timer thread. It ticks only while tasks wait.
 *
 * <p>Why not {@code schedule(task, 1, ms)}: a busy session needs such a deadline for every burst of
 * replies it holds back (see the session's held replies), tens of thousands a second, and almost none
 * fire late enough to matter. A scheduled task per burst costs an allocation, a heap insertion under a
 * lock and often a wake-up of the timer thread; adding a task here is one compare-and-set on a stack
 * whose nodes are the tasks themselves, and the timer thread wakes once per tick for all of them.
 */
public final class TickTimer {

    private static final System.Logger LOG = System.getLogger(TickTimer.class.getName());

    /** The longest a task waits for its tick. */
    public static final long TICK_MICROS = 1_000;

    /**
     * A task that can wait for a tick. It is its own stack node, so adding it allocates nothing; added again
     * while it waits, it still runs once.
     */
    public abstract static class Task {
        private static final VarHandle WAITING;

        static {
            try {
                WAITING = MethodHandles.lookup().findVarHandle(Task.class, "waiting", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile boolean waiting;
        private Task next;

        /** Runs on the timer thread: must be short and must not run application code. */
        protected abstract void onTick();

        /** Runs the task outside a TickTimer (a transport without one schedules it). */
        final void runTick() {
            waiting = false;
            onTick();
        }
    }

    private final ScheduledExecutorService scheduler;
    private final AtomicReference<Task> waiting = new AtomicReference<>();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final Runnable tick = this::tick;

    /** Ticks on {@code scheduler}'s thread. */
    public TickTimer(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs the task once on the next tick (at once, if it is already waiting for one). Any thread. */
    public void add(Task task) {
        if (!Task.WAITING.compareAndSet(task, false, true)) {
            return;
        }
        Task head;
        do {
            head = waiting.get();
            task.next = head;
        } while (!waiting.compareAndSet(head, task));
        if (ticking.compareAndSet(false, true)) {
            scheduleTick();
        }
    }

    private void scheduleTick() {
        try {
            scheduler.schedule(tick, TICK_MICROS, TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException stopped) {
            // The server is stopping: its connections are being closed, which fails what they hold.
            ticking.set(false);
        }
    }

    private void tick() {
        Task t = waiting.getAndSet(null);
        while (t != null) {
            Task next = t.next;
            t.next = null;
            t.waiting = false;   // after next is read: from here on the task may be added again
            try {
                t.onTick();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "tick task failed", e);
            }
            t = next;
        }
        // Stop ticking when nothing waits; a task added meanwhile either saw ticking still true (and is
        // found by the check below) or restarts the ticks itself.
        ticking.set(false);
        if (waiting.get() != null && ticking.compareAndSet(false, true)) {
            scheduleTick();
        }
    }
}
