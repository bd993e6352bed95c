package org.bowline.container.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Receives the events of one {@link Connection}. */
public interface ConnectionHandler {

    /**
     * Bytes read, called on the I/O thread (never concurrently for one connection). {@code data} is writable,
     * valid only during the call, and the handler consumes what it wants; leftover bytes are DISCARDED after
     * the call (handlers are incremental).
     */
    void onData(ByteBuffer data);

    /**
     * The connection is closed (peer EOF → cause null, I/O error → cause, or after close()/abort()). Called
     * exactly once, on an I/O thread or the thread that aborted.
     */
    void onClosed(IOException cause);

    /** The outbound queue drained below the low-water mark after having been above the high-water mark. */
    default void onWritable() {}
}
