package org.bowline.container.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one session's callbacks one at a time, in submission order, on a shared executor.
 *
 * <p>This is what lets I/O threads hand work off without ever running application code, while
 * a slow endpoint holds up only its own session: each session borrows at most one thread of the
 * shared pool at a time.
 */
final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    /** Made once: a method reference written at the call would be a new object for every batch handed off. */
    private final Runnable drainer = this::drain;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            delegate.execute(drainer);
        }
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // Tasks report their own failures to the endpoint; reaching here is a Bowline bug.
                LOG.log(System.Logger.Level.ERROR, "Session task failed", e);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
