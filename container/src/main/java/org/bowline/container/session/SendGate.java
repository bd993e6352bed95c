package org.bowline.container.session;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Orders whole messages between threads. A thread that starts a partial message (or a send
 * stream) owns the gate until it sends the last part; other threads' sends wait their turn
 * instead of failing, which is what applications sending from several threads expect.
 *
 * <p>The one misuse it refuses is the owner itself starting a different message in the middle of
 * its own unfinished one: that could never complete, so it fails at once.
 */
final class SendGate {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition free = lock.newCondition();
    private Thread owner;
    private boolean ownerText;
    /** Null while open; once closed, the message every waiting and later send fails with. */
    private String closedMessage;

    /** An action performed with the gate held; it must not block. */
    interface Action {
        void run() throws IOException;
    }

    /** Runs a whole-message send once no other thread has a message in progress. */
    void whole(long timeoutMillis, Action action) throws IOException {
        acquire(timeoutMillis, false, false);
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the gate for one whole message, as {@link #whole} does, for a caller that sends without an
     * {@link Action} (nothing to allocate); it must call {@link #exitWhole} in a finally block.
     */
    void enterWhole(long timeoutMillis) throws IOException {
        acquire(timeoutMillis, false, false);
    }

    /** Gives back the gate taken by {@link #enterWhole}. */
    void exitWhole() {
        lock.unlock();
    }

    /** Runs one part of a partial message; the calling thread owns the gate until the last part. */
    void part(boolean text, boolean last, long timeoutMillis, Action action) throws IOException {
        acquire(timeoutMillis, true, text);
        try {
            action.run();
            if (last) {
                owner = null;
                free.signalAll();
            } else {
                owner = Thread.currentThread();
                ownerText = text;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses to begin a message (a send stream or writer) on a thread that is in the middle of
     * its own partial message: its fragments would otherwise continue that message.
     */
    void checkNotInsideOwnMessage() {
        lock.lock();
        try {
            if (owner == Thread.currentThread()) {
                throw new IllegalStateException("This thread has an unfinished partial "
                        + (ownerText ? "text" : "binary") + " message (or send stream) on this session;"
                        + " finish it (last = true, or close the stream) before sending another message");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wakes every waiting sender: the session is gone and their sends must fail, not hang, with
     * {@code message} (the same words a send checked before the gate gets, so the race is invisible).
     */
    void close(String message) {
        lock.lock();
        try {
            closedMessage = message;
            owner = null;
            free.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void acquire(long timeoutMillis, boolean partial, boolean text) throws IOException {
        Thread me = Thread.currentThread();
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting to send", e);
        }
        boolean ok = false;
        try {
            if (owner == me) {
                if (!partial || ownerText != text) {
                    throw new IllegalStateException("This thread has an unfinished partial "
                            + (ownerText ? "text" : "binary") + " message (or send stream) on this session;"
                            + " finish it (last = true, or close the stream) before sending another message");
                }
            } else {
                long nanos = timeoutMillis > 0 ? TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : Long.MAX_VALUE;
                while (owner != null && closedMessage == null) {
                    if (nanos <= 0) {
                        throw new SocketTimeoutException("Timed out after " + timeoutMillis
                                + " ms waiting for another thread's partial message to finish");
                    }
                    nanos = timeoutMillis > 0 ? free.awaitNanos(nanos) : awaitForever();
                }
            }
            if (closedMessage != null) {
                throw new IOException(closedMessage);
            }
            ok = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting to send", e);
        } finally {
            if (!ok) {
                lock.unlock();
            }
        }
    }

    private long awaitForever() throws InterruptedException {
        free.await();
        return Long.MAX_VALUE;
    }
}
