package org.bowline.servlet;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Undertow only: resuming a paused connection with a read event on Undertow's I/O thread. Undertow's
 * upgraded input (2.3.x, {@code io.undertow.servlet.spec.UpgradeServletInputStream}) keeps its state in
 * plain fields that its I/O thread changes while it reads the channel: when a read from another thread
 * empties its buffer, it asks its I/O thread to resume reading the channel, and that thread may then be
 * reading (marking the stream ready before its buffer exists) while the other thread's next
 * {@code isReady()} and {@code read()} look at the same fields, which can fail with a
 * {@code NullPointerException} or hand over a buffer not yet filled. So a resumed connection is not read
 * from the resuming thread: Undertow's I/O thread is asked to wake the channel's reads
 * ({@code StreamSourceChannel.wakeupReads()}, which calls the read listener even with nothing new to read),
 * and {@code onDataAvailable} follows there. Everything is reached by reflection (this module does not
 * compile against Undertow); an Undertow laid out differently reads from the resuming thread, as before,
 * and says so.
 */
final class UndertowReadEvents implements ReadDispatch {

    static final String UPGRADED_INPUT = "io.undertow.servlet.spec.UpgradeServletInputStream";

    private static final System.Logger LOG = System.getLogger(UndertowReadEvents.class.getName());

    /** Said once, not for every connection of an Undertow laid out otherwise. */
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final Executor ioThread;
    private final Object channel;
    private final Method wakeupReads;

    private UndertowReadEvents(Executor ioThread, Object channel, Method wakeupReads) {
        this.ioThread = ioThread;
        this.channel = channel;
        this.wakeupReads = wakeupReads;
    }

    /** For an upgraded input stream laid out as Undertow's: its channel and I/O thread; NONE when not found. */
    static ReadDispatch of(Object input) {
        try {
            Object channel = field(input, "channel");
            Executor ioThread = (Executor) field(input, "ioExecutor");
            Method wakeupReads = channel.getClass().getMethod("wakeupReads");
            wakeupReads.setAccessible(true);
            return new UndertowReadEvents(ioThread, channel, wakeupReads);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(WARNED.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG, "This Undertow''s upgraded input is not laid out as Bowline expects ({0}); a"
                    + " session that resumes reading reads on another thread, which may race with Undertow''s",
                    e.toString());
            return NONE;
        }
    }

    @Override
    public boolean dispatchRead() {
        try {
            ioThread.execute(this::wakeUp);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Undertow's I/O thread took no task; reading on this thread", e);
            return false;
        }
    }

    private void wakeUp() {
        try {
            wakeupReads.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Undertow's channel did not wake its reads; the connection may stall", e);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Object value = UpgradedSocket.field(owner.getClass(), name).get(owner);
        if (value == null) {
            throw new NoSuchFieldException(name + " of " + owner.getClass().getName() + " is null");
        }
        return value;
    }
}
