package org.bowline.container.io;

import java.nio.channels.SelectionKey;

/** What a {@link SelectorLoop} key is attached to. */
interface Selectable {

    /** The key's channel is ready; runs on the loop thread. */
    void ready(SelectionKey key);

    /** {@link #ready} threw; the loop carries on, this one thing must shut itself down. */
    void failed(Throwable cause);

    /** The reactor is shutting down; release everything. Runs on the loop thread. */
    void reactorClosed();
}
