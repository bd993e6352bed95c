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
 * <p>It also tells the session's sender what may be held: what a callback sends while more callbacks wait
 * behind it may leave together with what the next ones send (see {@code FrameSender}); nothing is held for
 * work that has not arrived.
 */
final class SerialExecutor implements Executor {

    /** How the executor lets the session's sender gather the replies of callbacks that run back to back. */
    interface ReplyBatching {
        /**
         * The calling thread is about to run a callback; {@code moreWaiting}: others are queued behind it,
         * so what it sends may wait for theirs.
         */
        void holdWrites(boolean moreWaiting);

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
            batching.holdWrites(pending.get() > 1);
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // Tasks report their own failures to the endpoint; reaching here is a Bowline bug.
                LOG.log(System.Logger.Level.ERROR, "Session task failed", e);
            }
            // Flushed while this drain still counts as running, so it never races the next drain's holding.
            if (pending.get() == 1) {
                batching.flushHeldWrites();
            }
        } while (pending.decrementAndGet() != 0);
    }
}
