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
 *
 * <p>It also tells the session's sender when replies may be held: while a callback runs with more
 * already waiting behind it, what it sends can leave together with what the next ones send; before the
 * last callback waiting runs, whatever was held is written. So replies wait at most for the session's
 * own already-received work, never for work that has not arrived.
 */
final class SerialExecutor implements Executor {

    /** How the executor lets the session's sender gather the replies of callbacks that run back to back. */
    interface ReplyBatching {
        ReplyBatching NONE = new ReplyBatching() {
            @Override
            public void holdWrites() {}

            @Override
            public void flushHeldWrites() {}
        };

        /** The calling thread is about to run a callback with more waiting: its data frames may be held. */
        void holdWrites();

        /** Write whatever is held now and stop holding. */
        void flushHeldWrites();
    }

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor delegate;
    private final ReplyBatching batching;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    /** Made once: a method reference written at the call would be a new object for every batch handed off. */
    private final Runnable drainer = this::drain;

    SerialExecutor(Executor delegate) {
        this(delegate, ReplyBatching.NONE);
    }

    SerialExecutor(Executor delegate, ReplyBatching batching) {
        this.delegate = delegate;
        this.batching = batching;
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
            if (pending.get() > 1) {
                batching.holdWrites();
            } else {
                batching.flushHeldWrites();
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // Tasks report their own failures to the endpoint; reaching here is a Bowline bug.
                LOG.log(System.Logger.Level.ERROR, "Session task failed", e);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
