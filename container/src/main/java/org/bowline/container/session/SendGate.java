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
final class SendGate extends ReentrantLock {

    /*
     * The gate is its fair lock (a subclass rather than a field: one object fewer on every session), and
     * the condition senders wait on is made by the first one that has to wait; most sessions never do.
     * Both owner and free are guarded by the lock.
     */
    private Condition free;
    private Thread owner;
    private boolean ownerText;
    /** Null while open; once closed, the message every waiting and later send fails with. */
    private String closedMessage;

    SendGate() {
        super(true);
    }

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
            unlock();
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
        unlock();
    }

    /** Runs one part of a partial message; the calling thread owns the gate until the last part. */
    void part(boolean text, boolean last, long timeoutMillis, Action action) throws IOException {
        acquire(timeoutMillis, true, text);
        try {
            action.run();
            if (last) {
                owner = null;
                signalWaiters();
            } else {
                owner = Thread.currentThread();
                ownerText = text;
            }
        } finally {
            unlock();
        }
    }

    /**
     * Refuses to begin a message (a send stream or writer) on a thread that is in the middle of
     * its own partial message: its fragments would otherwise continue that message.
     */
    void checkNotInsideOwnMessage() {
        lock();
        try {
            if (owner == Thread.currentThread()) {
                throw new IllegalStateException("This thread has an unfinished partial "
                        + (ownerText ? "text" : "binary") + " message (or send stream) on this session;"
                        + " finish it (last = true, or close the stream) before sending another message");
            }
        } finally {
            unlock();
        }
    }

    /**
     * Wakes every waiting sender: the session is gone and their sends must fail, not hang, with
     * {@code message} (the same words a send checked before the gate gets, so the race is invisible).
     */
    void close(String message) {
        lock();
        try {
            closedMessage = message;
            owner = null;
            signalWaiters();
        } finally {
            unlock();
        }
    }

    /** How many senders wait for another thread's partial message to finish; for tests. */
    int waitingSenders() {
        lock();
        try {
            return free == null ? 0 : getWaitQueueLength(free);
        } finally {
            unlock();
        }
    }

    private void acquire(long timeoutMillis, boolean partial, boolean text) throws IOException {
        Thread me = Thread.currentThread();
        try {
            lockInterruptibly();
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
                    nanos = timeoutMillis > 0 ? waiting().awaitNanos(nanos) : awaitForever();
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
                unlock();
            }
        }
    }

    private long awaitForever() throws InterruptedException {
        waiting().await();
        return Long.MAX_VALUE;
    }

    private Condition waiting() {
        Condition c = free;
        if (c == null) {
            c = newCondition();
            free = c;
        }
        return c;
    }

    private void signalWaiters() {
        if (free != null) {
            free.signalAll();
        }
    }
}
