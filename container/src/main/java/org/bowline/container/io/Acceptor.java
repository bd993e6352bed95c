package org.bowline.container.io;

import java.net.InetSocketAddress;

/** A listening socket of a {@link NioReactor}. Closing it stops accepting; accepted connections stay open. */
public interface Acceptor extends AutoCloseable {

    /** The bound address (with the real port when an ephemeral port was asked for). */
    InetSocketAddress localAddress();

    @Override
    void close();
}
