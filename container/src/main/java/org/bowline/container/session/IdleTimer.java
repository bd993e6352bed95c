package org.bowline.container.session;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.bowline.container.io.Connection;

/**
 * A session's idle timeout: every read and send counts as activity ({@link #touch()}), and one timer
 * on the connection checks, when the timeout could have passed, whether it did. Rather than
 * rescheduling on every frame, a check that finds recent activity sleeps for what is left.
 *
 * <p>It watches only while the session is conversing; when the timeout passes it runs
 * {@code expired}. With {@code endpointDecides} (an endpoint that takes idle events) it then
 * watches again from scratch: the endpoint hears again after another whole idle period.
 */
final class IdleTimer {

    private final Connection connection;
    private final SessionState state;
    private final boolean endpointDecides;
    private final Expiry expired;
    private volatile long timeoutMillis;
    private volatile long lastActivityNanos = System.nanoTime();
    private ScheduledFuture<?> timer;

    /** What happens when the timeout passes. */
    @FunctionalInterface
    interface Expiry {
        void expired();
    }

    IdleTimer(Connection connection, SessionState state, long timeoutMillis, boolean endpointDecides,
              Expiry expired) {
        this.connection = connection;
        this.state = state;
        this.timeoutMillis = timeoutMillis;
        this.endpointDecides = endpointDecides;
        this.expired = expired;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** A new timeout counts from now; 0 or less turns it off. */
    void setTimeoutMillis(long millis) {
        timeoutMillis = Math.max(0, millis);
        touch();
        schedule();
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** (Re)starts watching: a check one whole timeout from now. */
    void schedule() {
        long timeout = timeoutMillis;
        synchronized (this) {
            cancel(timer);
            timer = timeout > 0 && state.conversing()
                    ? connection.schedule(this::check, timeout, TimeUnit.MILLISECONDS) : null;
        }
    }

    synchronized void cancel() {
        cancel(timer);
        timer = null;
    }

    private void check() {
        long timeout = timeoutMillis;
        if (timeout <= 0 || !state.conversing()) {
            return;
        }
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivityNanos);
        if (idleMillis < timeout) {
            synchronized (this) {
                timer = connection.schedule(this::check, timeout - idleMillis, TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (endpointDecides) {
            touch();
            schedule();
        }
        expired.expired();
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
