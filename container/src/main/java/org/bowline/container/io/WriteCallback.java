package org.bowline.container.io;

import java.io.IOException;

/** Completion of one {@link Connection#write}; may run on an I/O thread, so it must be quick. */
public interface WriteCallback {

    /** All bytes of the write were handed to the transport. */
    void completed();

    /** The write was dropped (connection closed, aborted or failed). */
    void failed(IOException cause);
}
