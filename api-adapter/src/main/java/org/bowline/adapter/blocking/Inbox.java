package org.bowline.adapter.blocking;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands messages from the session's delivery thread to the one thread that calls
 * {@link WebSocket#receive()}, and the close after them.
 *
 * <p>A delivery returns only once the application has finished with that message, which it shows
 * by asking for the next one (or by closing, or by its handler ending). Why wait: the container
 * answers the peer's close, or fails the connection, once the deliveries queued before it have
 * returned, so whatever the application sends in reply to a message goes out before that close
 * (RFC 6455 5.4: frames are processed in order; Autobahn 7.1.1). It also keeps no queue here: an
 * application that reads slowly makes the container stop reading from the peer, with its own
 * inbound limit, while pings keep being answered on the I/O thread.
 *
 * <p>Once the application cannot send any more (it closed, its handler ended, a send found the
 * connection closed), deliveries stop waiting.
 */
final class Inbox {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Object> messages = new ArrayDeque<>();
    private long delivered;
    private long taken;
    /** Messages the application is done with: all those taken before its latest receive. */
    private long finished;
    private boolean released;
    private ConnectionClosedException closed;

    /** On the session's delivery thread: a whole message, a String or a byte[]. */
    void deliver(Object message) {
        lock.lock();
        try {
            if (closed != null) {
                return;
            }
            messages.add(message);
            long ticket = ++delivered;
            changed.signalAll();
            while (!released && finished < ticket) {
                changed.await();
            }
        } catch (InterruptedException e) {
            // the container is shutting down its executor: stop waiting, keep the flag for it
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The next message; after the last one before the close, the close as an exception. */
    Object receive() throws InterruptedException {
        lock.lock();
        try {
            finished = taken;
            changed.signalAll();
            while (messages.isEmpty() && closed == null) {
                changed.await();
            }
            if (!messages.isEmpty()) {
                taken++;
                return messages.poll();
            }
            throw closed();
        } finally {
            lock.unlock();
        }
    }

    /** The application will send nothing more: deliveries stop waiting for it. */
    void release() {
        lock.lock();
        try {
            released = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connection is closed (the endpoint's onClose): receivers get it after the messages left. */
    void close(int code, String reason) {
        lock.lock();
        try {
            if (closed == null) {
                closed = new ConnectionClosedException(code, reason);
            }
            released = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The close, or null while the connection is open. */
    ConnectionClosedException closedOrNull() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code millis} for the close; null if it has not come. */
    ConnectionClosedException awaitClosed(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (closed == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                changed.awaitNanos(left);
            }
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** A fresh exception per throw, so each has the stack of the call that met the close. */
    private ConnectionClosedException closed() {
        return new ConnectionClosedException(closed.code(), closed.reason());
    }
}
