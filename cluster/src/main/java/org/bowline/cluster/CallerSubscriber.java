package org.bowline.cluster;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bowline.adapter.service.Caller;

/**
 * A service-model {@link Caller} as a subscriber. A caller's writes may block, so they run one at
 * a time, in order, on an executor (never on the publisher's or Redis's thread); what is waiting
 * counts against the {@link SubscriberLimits} like a session's outbound queue.
 */
public final class CallerSubscriber implements Subscriber {

    private static final System.Logger LOG = System.getLogger(CallerSubscriber.class.getName());
    private static final ExecutorService SHARED = Executors.newCachedThreadPool(DaemonThreads.named("bowline-caller-send"));

    private final Caller caller;
    private final Executor executor;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    private CallerSubscriber(Caller caller, Executor executor) {
        if (caller == null) {
            throw new IllegalArgumentException("Caller must not be null");
        }
        if (executor == null) {
            throw new IllegalArgumentException("Executor must not be null");
        }
        this.caller = caller;
        this.executor = executor;
    }

    /** Writes on a shared pool of daemon threads. */
    public static CallerSubscriber of(Caller caller) {
        return new CallerSubscriber(caller, SHARED);
    }

    public static CallerSubscriber of(Caller caller, Executor executor) {
        return new CallerSubscriber(caller, executor);
    }

    @Override
    public boolean isOpen() {
        return caller.isOpen();
    }

    @Override
    public void sendText(String text, Sent sent) {
        enqueue(() -> caller.writeTextMessage(text), sent);
    }

    @Override
    public void sendBinary(ByteBuffer data, Sent sent) {
        enqueue(() -> caller.writeMessage(data), sent);
    }

    @Override
    public void close(int code, String reason) {
        enqueue(() -> caller.close(code, reason), failure -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "Closing " + this + " failed", failure);
            }
        });
    }

    private void enqueue(Runnable write, Sent sent) {
        queue.add(() -> {
            Throwable failure = null;
            try {
                write.run();
            } catch (RuntimeException e) {
                failure = e;
            }
            sent.done(failure);
        });
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                Runnable next;
                while ((next = queue.poll()) != null) {
                    next.run();
                }
            }
        }
    }

    private void drain() {
        do {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallerSubscriber that && that.caller == caller;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(caller);
    }

    @Override
    public String toString() {
        return "caller " + caller.getConnectionId();
    }
}
