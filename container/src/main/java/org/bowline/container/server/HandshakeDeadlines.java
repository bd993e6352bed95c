package org.bowline.container.server;

import java.util.function.LongSupplier;

/**
 * The handshake deadlines of one server. They all have the same length, so the order handshakes start in is
 * the order their deadlines fall in: a list with the oldest first is enough, and one timer task at a time,
 * for the list's head, serves them all.
 *
 * <p>Why not a scheduled task per connection: each would be an allocation, a heap insertion and a removal
 * under the scheduler's lock, often a wake-up of its thread (whenever it becomes the earliest task), and
 * code the JIT has to compile while the first handshakes come in, all for a deadline that almost never
 * fires. Here arming and disarming are a few pointer writes under a lock the I/O thread rarely shares, and
 * while handshakes keep coming the timer thread wakes once per deadline length.
 */
final class HandshakeDeadlines {

    private static final System.Logger LOG = System.getLogger(HandshakeDeadlines.class.getName());

    /** Runs a task on a timer thread after a delay. */
    @FunctionalInterface
    interface Timer {
        void schedule(Runnable task, long delayNanos);
    }

    /** One handshake's deadline. */
    abstract static class Deadline {
        private Deadline previous;
        private Deadline next;
        private long expiresAt;
        private boolean armed;

        /** Runs on the timer thread when the deadline passes while still armed. */
        protected abstract void expire();
    }

    private final long timeoutNanos;
    private final LongSupplier clock;
    /** Guarded by this: the armed deadlines, earliest first. */
    private Deadline head;
    private Deadline tail;
    /** Guarded by this: whether a sweep is scheduled (it then reschedules itself while any deadline is armed). */
    private boolean sweepScheduled;

    HandshakeDeadlines(long timeoutNanos, LongSupplier clock) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("the handshake timeout must be positive, was " + timeoutNanos + " ns");
        }
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
    }

    HandshakeDeadlines(long timeoutNanos) {
        this(timeoutNanos, System::nanoTime);
    }

    /** Arms {@code deadline} to expire one timeout from now; {@code timer} is asked for a sweep if none is due. */
    void arm(Deadline deadline, Timer timer) {
        boolean schedule;
        synchronized (this) {
            if (deadline.armed) {
                throw new IllegalStateException("deadline already armed");
            }
            deadline.expiresAt = clock.getAsLong() + timeoutNanos;
            deadline.armed = true;
            deadline.previous = tail;
            if (tail == null) {
                head = deadline;
            } else {
                tail.next = deadline;
            }
            tail = deadline;
            schedule = !sweepScheduled;
            sweepScheduled = true;
        }
        if (schedule) {
            timer.schedule(() -> sweep(timer), timeoutNanos);
        }
    }

    /** Disarms {@code deadline}; it will not expire. Nothing happens if it is not armed. */
    synchronized void disarm(Deadline deadline) {
        if (!deadline.armed) {
            return;
        }
        unlink(deadline);
    }

    /** Deadlines armed now (for tests). */
    synchronized int armed() {
        int n = 0;
        for (Deadline d = head; d != null; d = d.next) {
            n++;
        }
        return n;
    }

    private void sweep(Timer timer) {
        Deadline due = null;
        long wait = 0;
        synchronized (this) {
            long now = clock.getAsLong();
            Deadline last = null;
            while (head != null && head.expiresAt - now <= 0) {
                Deadline d = head;
                unlink(d);
                // Chained through next for the loop below, outside the lock: expiring closes connections.
                if (last == null) {
                    due = d;
                } else {
                    last.next = d;
                }
                last = d;
            }
            if (head == null) {
                sweepScheduled = false;
            } else {
                wait = head.expiresAt - now;
            }
        }
        if (wait > 0) {
            timer.schedule(() -> sweep(timer), wait);
        }
        for (Deadline d = due; d != null; ) {
            Deadline next = d.next;
            d.next = null;
            try {
                d.expire();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A handshake deadline failed to expire", e);
            }
            d = next;
        }
    }

    private void unlink(Deadline d) {
        if (d.previous == null) {
            head = d.next;
        } else {
            d.previous.next = d.next;
        }
        if (d.next == null) {
            tail = d.previous;
        } else {
            d.next.previous = d.previous;
        }
        d.previous = null;
        d.next = null;
        d.armed = false;
    }
}
