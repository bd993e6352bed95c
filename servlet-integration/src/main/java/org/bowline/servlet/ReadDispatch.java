package org.bowline.servlet;

/**
 * A container's own way to have {@code onDataAvailable} called again, on its own thread, for a connection
 * whose reading the engine resumes: on containers whose upgraded input must not be read from another
 * thread while the container's thread may be reading it too.
 */
interface ReadDispatch {

    /** For containers that have none: the resuming side reads itself. */
    ReadDispatch NONE = () -> false;

    /** Asks the container for a read callback; false when it cannot be asked, and the caller reads itself. */
    boolean dispatchRead();
}
