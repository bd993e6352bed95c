package org.bowline.container.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/** Small helpers shared by the transports (also the servlet bridge's): guarded callback invocation and buffer-array arithmetic. */
public final class Callbacks {

    private static final System.Logger LOG = System.getLogger(Callbacks.class.getName());

    private Callbacks() {}

    /** Completes a write callback; a throwing callback is logged, never propagated into an I/O loop. */
    public static void completed(WriteCallback callback) {
        if (callback == null) {
            return;
        }
        try {
            callback.completed();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "write callback threw from completed()", t);
        }
    }

    /** Fails a write callback; a throwing callback is logged, never propagated into an I/O loop. */
    public static void failed(WriteCallback callback, IOException cause) {
        if (callback == null) {
            return;
        }
        try {
            callback.failed(cause);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "write callback threw from failed()", t);
        }
    }

    static long remaining(ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }

    static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    static IOException closed(String what, IOException cause) {
        IOException e = new IOException(what + " is closed");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** Wraps a timer task so that a throwing task is logged instead of silently cancelling itself. */
    static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "scheduled task threw", t);
            }
        };
    }
}
