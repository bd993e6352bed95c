package org.bowline.container.io;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What {@link Connection#schedule} returns once the connection's timer is gone (its reactor or
 * web application stopped): a timer that was cancelled before it could run, so callers that
 * cancel or inspect it need no special case.
 */
public final class CancelledFuture implements ScheduledFuture<Object> {

    public static final CancelledFuture INSTANCE = new CancelledFuture();

    private CancelledFuture() {
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return 0;
    }

    @Override
    public int compareTo(Delayed o) {
        return Long.compare(0, o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public boolean isCancelled() {
        return true;
    }

    @Override
    public boolean isDone() {
        return true;
    }

    @Override
    public Object get() {
        throw new CancellationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
        throw new CancellationException();
    }
}
