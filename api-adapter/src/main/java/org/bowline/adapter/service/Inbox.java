package org.bowline.adapter.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages a {@link Client} received and its reader has not taken yet, oldest first, at most
 * {@code capacity} of them. A full inbox makes the delivering thread (the connection's own callback
 * thread, never an I/O thread) wait for the reader; meanwhile the engine keeps reading and answering
 * pings until its inbound backlog limit, then stops reading from the socket (TCP pushes back on the
 * server). A close frame that arrives meanwhile is answered after the session's close timeout (5 s),
 * as its reply waits behind the blocked delivery until then. Once the connection ends for good, the
 * reader gets the queued messages, then the end.
 */
final class Inbox {

    /** What the reader wants. */
    enum Kind { TEXT, BINARY, ANY }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Object> messages = new ArrayDeque<>();
    private WebSocketError end;

    Inbox(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a String or byte[]; waits while the inbox is full. Dropped once the inbox has ended. */
    void put(Object message) throws InterruptedException {
        lock.lock();
        try {
            while (messages.size() >= capacity && end == null) {
                notFull.await();
            }
            if (end != null) {
                return;
            }
            messages.addLast(message);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** No more messages will come; readers get {@code error} once the queue is drained. The first end counts. */
    void end(WebSocketError error) {
        lock.lock();
        try {
            if (end == null) {
                end = error;
            }
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The oldest message, if it is of the kind asked for.
     *
     * @param timeout zero waits without limit
     * @return null if nothing came within the timeout
     * @throws WebSocketError the end, once nothing is queued; or, for a message of the other kind,
     *         an error naming it (the message stays queued for {@code readMessage})
     */
    Object take(Kind kind, Duration timeout, String url) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (messages.isEmpty()) {
                if (end != null) {
                    throw end;
                }
                if (timeout.isZero()) {
                    notEmpty.await();
                } else {
                    if (remaining <= 0) {
                        return null;
                    }
                    remaining = notEmpty.awaitNanos(remaining);
                }
            }
            Object head = messages.peekFirst();
            boolean text = head instanceof String;
            if (kind == Kind.TEXT && !text || kind == Kind.BINARY && text) {
                throw new WebSocketError("The next message from " + url + " is " + (text ? "text" : "binary")
                        + ", not " + (text ? "binary" : "text") + "; readMessage() takes either");
            }
            messages.removeFirst();
            notFull.signal();
            return head;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }
}
