package org.bowline.container.session;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bowline.container.io.WriteCallback;

/**
 * The outcome of one queued send. Deliberately not a CompletableFuture: completing one runs its
 * dependants on the completing thread, which here is an I/O thread, and I/O threads never run
 * application code.
 */
final class SendFuture implements Future<Void>, WriteCallback {

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;

    @Override
    public void completed() {
        complete(null);
    }

    @Override
    public void failed(IOException cause) {
        complete(cause);
    }

    void fail(Throwable cause) {
        complete(cause);
    }

    /** Completes once; false when it was already complete (a timeout racing the write). */
    boolean complete(Throwable cause) {
        synchronized (this) {
            if (done.getCount() == 0) {
                return false;
            }
            failure = cause;
            done.countDown();
        }
        return true;
    }

    Throwable failure() {
        return failure;
    }

    /** Waits for the write like a blocking send must, rethrowing its failure as an IOException. */
    void awaitSent(long timeoutMillis) throws IOException {
        try {
            if (!awaitDone(timeoutMillis > 0, TimeUnit.MILLISECONDS.toNanos(timeoutMillis))) {
                throw new java.net.SocketTimeoutException("Send did not complete within " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while sending", e);
        }
        Throwable t = failure;
        if (t instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (t != null) {
            throw new IOException("Send failed: " + t.getMessage(), t);
        }
    }

    /**
     * Waits until complete ({@code timed}: at most {@code nanos}); false if the time ran out. The wait is
     * announced to the session pool, so that work queued behind a callback waiting here gets another thread.
     */
    private boolean awaitDone(boolean timed, long nanos) throws InterruptedException {
        if (done.getCount() == 0) {
            return true;
        }
        Object blocking = SessionWorkerPool.blockingBegins();
        try {
            if (!timed) {
                done.await();
                return true;
            }
            return done.await(nanos, TimeUnit.NANOSECONDS);
        } finally {
            SessionWorkerPool.blockingEnds(blocking);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        // Bytes already handed to the transport cannot be taken back without corrupting the stream.
        return false;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    @Override
    public Void get() throws InterruptedException, ExecutionException {
        awaitDone(false, 0);
        return result();
    }

    @Override
    public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!awaitDone(true, unit.toNanos(timeout))) {
            throw new TimeoutException("Send not complete after " + timeout + " " + unit);
        }
        return result();
    }

    private Void result() throws ExecutionException {
        Throwable t = failure;
        if (t != null) {
            throw new ExecutionException(t);
        }
        return null;
    }
}
