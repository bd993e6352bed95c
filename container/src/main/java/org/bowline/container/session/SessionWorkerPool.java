package org.bowline.container.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The default pool for session callbacks: as many threads at work as there are cores, one shared queue,
 * and a watchdog that adds a thread when the ones at work stop taking tasks (a callback that blocks).
 *
 * <p>Why not a cached pool: it hands every task to a thread of its own, so each burst of input on each
 * session wakes a parked thread and parks it again afterwards. With many sessions busy at once that is
 * two context switches per burst per session; here a thread that finishes one session's burst takes the
 * next session's from the queue without parking, and a task submitted while enough threads are at work
 * wakes no worker (only the watchdog, if it sleeps: work now waits behind busy workers).
 *
 * <p>What it keeps of the cached pool's promise that a slow endpoint slows only its own session: while work
 * waits behind workers that are all at work, the watchdog ticks, and a worker that has run one task for
 * half a tick (1 ms by default) is counted as blocked and made up for by another, so work queued behind a
 * callback that does not return starts within about a tick or two, and many callbacks blocking at once get
 * threads in a few ticks (see {@link #watch()}); idle threads end after the keep-alive, the watchdog too.
 */
public final class SessionWorkerPool extends AbstractExecutorService {

    private static final System.Logger LOG = System.getLogger(SessionWorkerPool.class.getName());
    /** The worker the current thread is, if it is one: for {@link #blockingBegins()}. */
    private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();
    /** At most 64 times the shortfall in one tick. */
    private static final int MAX_DOUBLINGS = 6;

    private enum WorkerState { ACTIVE, IDLE, ENDED }

    private enum WatchdogState { STOPPED, AWAKE, ASLEEP }

    private final ThreadFactory threads;
    private final int parallelism;
    private final long tickNanos;
    private final long keepAliveNanos;
    private final long spinNanos;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Parked workers, the one that parked last first (its cache is the warmest). */
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    /** Workers not parked: running a task (or blocked in one) or looking for the next. */
    private final AtomicInteger running = new AtomicInteger();
    /**
     * Workers looking for work before they park ({@link IdleSpin}), less those already counted on for a task
     * submitted meanwhile: such a task needs no worker woken.
     */
    private final AtomicInteger spinning = new AtomicInteger();
    private final AtomicInteger liveThreads = new AtomicInteger();
    private final AtomicReference<WatchdogState> watchdog =
            new AtomicReference<>(WatchdogState.STOPPED);
    private volatile Thread watchdogThread;
    private volatile boolean shutdown;
    private final CountDownLatch terminated = new CountDownLatch(1);

    SessionWorkerPool(ThreadFactory threads, int parallelism, long tickNanos, long keepAliveNanos) {
        this(threads, parallelism, tickNanos, keepAliveNanos, 0);
    }

    /** @param spinNanos how long a worker out of work looks for more before it parks, at most; 0: never */
    SessionWorkerPool(ThreadFactory threads, int parallelism, long tickNanos, long keepAliveNanos, long spinNanos) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.threads = threads;
        this.parallelism = parallelism;
        this.tickNanos = tickNanos;
        this.keepAliveNanos = keepAliveNanos;
        this.spinNanos = spinNanos;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("the session pool is shut down");
        }
        tasks.add(task);
        if (shutdown && tasks.remove(task)) {
            throw new RejectedExecutionException("the session pool is shut down");
        }
        if (takeSpinner()) {
            return;   // a worker looking for work takes it (see spinForWork)
        }
        // Read after the add: a worker going idle decrements before it looks at the queue, so one of
        // the two sees the other and the task is never left without a worker.
        if (running.get() < parallelism) {
            activate();
        } else {
            // Queued behind workers that are all at work: if they are blocked, only the watchdog can tell.
            wakeWatchdog();
        }
    }

    /** Puts one more worker to work: the idle one that parked last, else a new thread. */
    private void activate() {
        Worker w;
        while ((w = idle.pollFirst()) != null) {
            if (w.state.compareAndSet(WorkerState.IDLE, WorkerState.ACTIVE)) {
                running.incrementAndGet();
                LockSupport.unpark(w.thread);
                return;
            }
        }
        startWorker();
    }

    private void startWorker() {
        Worker w = new Worker();
        Thread t = threads.newThread(w);
        if (t == null) {
            throw new RejectedExecutionException("the session pool's thread factory made no thread");
        }
        w.thread = t;
        running.incrementAndGet();
        liveThreads.incrementAndGet();
        workers.add(w);
        t.start();
    }

    private final class Worker implements Runnable {
        final AtomicReference<WorkerState> state =
                new AtomicReference<>(WorkerState.ACTIVE);
        volatile Thread thread;
        /** Running a task now (read by {@link #activeCount()} and the watchdog, written only by this worker). */
        volatile boolean busy;
        /** When the task it runs began (written only by this worker, before {@link #busy}). */
        volatile long taskBegan;
        final IdleSpin spin = new IdleSpin(spinNanos);
        /** When it last ran out of work (written and read only by this worker). */
        long idleSince;
        /** Waiting in Bowline's own code (a blocking send), already made up for; the watchdog skips it. */
        volatile boolean waiting;

        SessionWorkerPool pool() {
            return SessionWorkerPool.this;
        }

        @Override
        public void run() {
            CURRENT.set(this);
            try {
                do {
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        taskBegan = System.nanoTime();
                        busy = true;
                        runTask(task);
                        busy = false;
                    }
                } while (spinForWork(this) || awaitWork(this));
            } finally {
                workers.remove(this);
                liveThreads.decrementAndGet();
                Thread dog = watchdogThread;
                if (shutdown && dog != null) {
                    LockSupport.unpark(dog);   // it ends with the last worker
                }
                tryTerminate();
            }
        }
    }

    private void runTask(Runnable task) {
        if (!shutdown) {
            Thread.interrupted();   // an interrupt meant for the last task is not the next one's
        }
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "Session task failed", e);
        }
    }

    /**
     * Looks at the queue for as long as {@code w}'s {@link IdleSpin} says, yielding the CPU between looks (on
     * a machine with one core the thread that submits work needs it); true when there is work. While it
     * looks it counts in {@link #spinning}, and a task submitted meanwhile claims it there instead of waking
     * a worker: one looking worker is counted on for one task, so a burst of several still wakes others.
     */
    private boolean spinForWork(Worker w) {
        long idleSince = System.nanoTime();
        long spinFor = w.spin.nanos(idleSince);
        boolean found = false;
        if (spinFor > 0) {
            spinning.incrementAndGet();
            long looked = idleSince;
            while (!(found = !tasks.isEmpty()) && !shutdown && looked - idleSince < spinFor) {
                Thread.yield();
                long now = System.nanoTime();
                if (w.spin.heldUp(now - looked, now)) {
                    break;   // another thread keeps this core: a parked worker is woken sooner (see IdleSpin)
                }
                looked = now;
            }
            takeSpinner();   // at 0 every looking worker has been counted on, this one included
            // A task that claimed this worker was added before the claim, and the claim came before the
            // decrement above failed or took another's place: looking once more sees it.
            found = found || !tasks.isEmpty();
        }
        if (found) {
            w.spin.workCameAfter(System.nanoTime() - idleSince);
        }
        w.idleSince = idleSince;
        return found;
    }

    /**
     * Takes one from {@link #spinning} unless it is 0: for a task just added, counts on a looking worker to take
     * it; for a worker that stops looking, leaves the count (see {@link #spinForWork}).
     */
    private boolean takeSpinner() {
        int n;
        while ((n = spinning.get()) > 0) {
            if (spinning.compareAndSet(n, n - 1)) {
                return true;
            }
        }
        return false;
    }

    /** Parks {@code w} until it is put to work again (true), or it ends: idle too long or shut down (false). */
    private boolean awaitWork(Worker w) {
        w.state.set(WorkerState.IDLE);
        idle.addFirst(w);
        running.decrementAndGet();
        if (!tasks.isEmpty()) {
            activate();   // a task added meanwhile may have seen this worker still running
        }
        long deadline = System.nanoTime() + keepAliveNanos;
        while (w.state.get() == WorkerState.IDLE) {
            long left = deadline - System.nanoTime();
            if ((shutdown || left <= 0) && w.state.compareAndSet(WorkerState.IDLE, WorkerState.ENDED)) {
                idle.remove(w);
                return false;
            }
            LockSupport.parkNanos(this, Math.max(left, 1));
        }
        w.spin.workCameAfter(System.nanoTime() - w.idleSince);
        return true;
    }

    private void wakeWatchdog() {
        while (true) {
            WatchdogState s = watchdog.get();
            if (s == WatchdogState.AWAKE) {
                return;
            }
            if (s == WatchdogState.ASLEEP && watchdog.compareAndSet(s, WatchdogState.AWAKE)) {
                LockSupport.unpark(watchdogThread);
                return;
            }
            if (s == WatchdogState.STOPPED && shutdown && tasks.isEmpty()) {
                return;   // nothing left to rescue: no new thread for a pool that is shutting down
            }
            if (s == WatchdogState.STOPPED && watchdog.compareAndSet(s, WatchdogState.AWAKE)) {
                Thread t = threads.newThread(this::watch);
                if (t == null) {
                    watchdog.set(WatchdogState.STOPPED);
                    return;   // the workers still run; only blocked callbacks go unrescued
                }
                watchdogThread = t;
                liveThreads.incrementAndGet();
                t.start();
                return;
            }
        }
    }

    /**
     * The watchdog's loop. Every tick, a worker that has been in one task for half a tick or more counts as
     * blocked; while work waits in the queue and fewer than {@code parallelism} workers are left to take it,
     * the shortfall is put to work, doubled at each tick in a row that finds one (so twenty callbacks that
     * all block get threads in a few ticks, not twenty).
     */
    private void watch() {
        try {
            int shortTicks = 0;
            while (true) {
                LockSupport.parkNanos(this, tickNanos);
                if (shutdown && workers.isEmpty()) {
                    return;
                }
                if (tasks.isEmpty()) {
                    shortTicks = 0;
                    if (!sleep()) {
                        return;
                    }
                    continue;
                }
                long now = System.nanoTime();
                int blocked = 0;
                for (Worker w : workers) {
                    if (w.busy && !w.waiting && now - w.taskBegan >= tickNanos / 2) {
                        blocked++;
                    }
                }
                int shortfall = parallelism - (running.get() - blocked);
                if (shortfall <= 0) {
                    shortTicks = 0;
                    continue;
                }
                int add = shortfall << Math.min(shortTicks++, MAX_DOUBLINGS);
                for (int i = 0; i < add && !tasks.isEmpty(); i++) {
                    activate();
                }
            }
        } finally {
            watchdog.set(WatchdogState.STOPPED);
            liveThreads.decrementAndGet();
            tryTerminate();
        }
    }

    /**
     * Parks the watchdog while no work waits (a task queued behind busy workers wakes it: see {@link #execute});
     * false when it should end (asleep for the keep-alive, or shut down).
     */
    private boolean sleep() {
        watchdog.set(WatchdogState.ASLEEP);
        if (!tasks.isEmpty()) {
            watchdog.compareAndSet(WatchdogState.ASLEEP, WatchdogState.AWAKE);
            return true;
        }
        long deadline = System.nanoTime() + keepAliveNanos;
        while (watchdog.get() == WatchdogState.ASLEEP) {
            long left = deadline - System.nanoTime();
            if ((shutdown || left <= 0) && watchdog.compareAndSet(WatchdogState.ASLEEP, WatchdogState.STOPPED)) {
                return false;
            }
            LockSupport.parkNanos(this, Math.max(left, 1));
        }
        return true;
    }

    /**
     * Called by Bowline's code just before the current thread waits for something only another thread can
     * bring about (a blocking send waiting for its write): if the thread is a worker, it stops counting as
     * one at work, and queued work gets another worker now rather than at the watchdog's next tick.
     * Returns what {@link #blockingEnds} takes back (null when the thread is no worker of a pool).
     */
    static Object blockingBegins() {
        Worker w = CURRENT.get();
        if (w == null) {
            return null;
        }
        w.waiting = true;
        SessionWorkerPool pool = w.pool();
        pool.running.decrementAndGet();
        if (!pool.tasks.isEmpty()) {
            pool.activate();
        }
        return w;
    }

    /** The wait {@link #blockingBegins} announced is over: the worker counts as at work again. */
    static void blockingEnds(Object token) {
        if (token instanceof Worker w) {
            SessionWorkerPool pool = w.pool();
            pool.running.incrementAndGet();
            w.waiting = false;
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
        if (!tasks.isEmpty()) {
            activate();   // tasks submitted before still run
        }
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
        Thread t = watchdogThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
        tryTerminate();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>();
        Runnable task;
        while ((task = tasks.poll()) != null) {
            left.add(task);
        }
        for (Worker w : workers) {
            w.thread.interrupt();
        }
        shutdown();
        return left;
    }

    private void tryTerminate() {
        if (shutdown && liveThreads.get() == 0 && tasks.isEmpty()) {
            terminated.countDown();
        }
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** Whether the watchdog is ticking now, rather than asleep or not started (for tests). */
    boolean watchdogTicking() {
        return watchdog.get() == WatchdogState.AWAKE;
    }

    /** Worker threads alive now, busy or idle. */
    public int workers() {
        return workers.size();
    }

    /** Worker threads running a task now. */
    public int activeCount() {
        int n = 0;
        for (Worker w : workers) {
            if (w.busy) {
                n++;
            }
        }
        return n;
    }

    /** Threads alive now, workers and watchdog (for tests). */
    int liveThreads() {
        return liveThreads.get();
    }
}
