package org.bowline.container.session;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.bowline.container.io.WriteCallback;

/**
 * What a blocking send waits on: the write's completion. Reused from send to send ({@link #take} /
 * {@link #giveBack}) so a blocking send allocates nothing; a waiter whose wait ended without an outcome
 * (timeout, interrupt) is never given back, because its write may still complete later and must not
 * complete a later send.
 */
final class BlockingWrite implements WriteCallback {

    private boolean done;
    private IOException failure;

    /** A waiter from {@code spare} if one is free, else a new one; ready for one write. */
    static BlockingWrite take(AtomicReference<BlockingWrite> spare) {
        BlockingWrite w = spare.getAndSet(null);
        if (w == null) {
            return new BlockingWrite();
        }
        w.reset();
        return w;
    }

    /** Offers a waiter whose write has completed (or failed) for the next send. */
    void giveBack(AtomicReference<BlockingWrite> spare) {
        spare.set(this);
    }

    private synchronized void reset() {
        done = false;
        failure = null;
    }

    @Override
    public synchronized void completed() {
        done = true;
        notifyAll();
    }

    @Override
    public synchronized void failed(IOException cause) {
        failure = cause;
        done = true;
        notifyAll();
    }

    /**
     * Waits for the write like a blocking send must ({@code timeoutMillis <= 0}: no limit) and throws its
     * failure as a new IOException (the caller's stack, the transport's cause).
     */
    void await(long timeoutMillis) throws IOException {
        IOException cause;
        synchronized (this) {
            if (!done) {
                long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
                Object blocking = SessionWorkerPool.blockingBegins();
                try {
                    while (!done) {
                        if (deadline == 0) {
                            wait();
                        } else {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                throw new SocketTimeoutException("Send did not complete within " + timeoutMillis + " ms");
                            }
                            TimeUnit.NANOSECONDS.timedWait(this, left);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while sending", e);
                } finally {
                    SessionWorkerPool.blockingEnds(blocking);
                }
            }
            cause = failure;
        }
        if (cause != null) {
            throw new IOException(cause.getMessage(), cause);
        }
    }
}
