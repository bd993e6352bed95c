package org.bowline.container.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/** A listening socket registered on one loop; accepted sockets are spread over all loops. */
final class NioAcceptor implements Acceptor, Selectable {

    private static final System.Logger LOG = System.getLogger(NioAcceptor.class.getName());

    /** Accepts per readiness event before yielding to the loop's connections. */
    private static final int MAX_ACCEPTS_PER_EVENT = 64;

    private final ServerSocketChannel server;
    private final SelectorLoop loop;
    private final NioReactor reactor;
    private final Consumer<Connection> onAccept;
    private final InetSocketAddress address;

    NioAcceptor(ServerSocketChannel server, SelectorLoop loop, NioReactor reactor, Consumer<Connection> onAccept)
            throws IOException {
        this.server = server;
        this.loop = loop;
        this.reactor = reactor;
        this.onAccept = onAccept;
        this.address = (InetSocketAddress) server.getLocalAddress();
    }

    /** Registers for OP_ACCEPT; loop thread only. */
    void register() throws IOException {
        server.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
    }

    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    @Override
    public void close() {
        loop.run(this::closeChannel);
        reactor.forget(this);
    }

    private void closeChannel() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing acceptor " + address + " failed", e);
        }
    }

    @Override
    public void ready(SelectionKey key) {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT && key.isValid(); i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                // E.g. out of file descriptors: log and keep listening; the backlog keeps the rest.
                LOG.log(Level.WARNING, "accept failed on " + address, e);
                return;
            }
            if (ch == null) {
                return;
            }
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "configuring accepted socket failed", e);
                closeQuietly(ch);
                continue;
            }
            SelectorLoop target = reactor.nextLoop();
            if (target.inLoop()) {
                hand(ch, target);
            } else if (!target.execute(() -> hand(ch, target))) {
                closeQuietly(ch);
            }
        }
    }

    private void hand(SocketChannel ch, SelectorLoop target) {
        NioConnection c = new NioConnection(ch, target, reactor);
        try {
            c.attach(ch.register(target.selector(), 0, c));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "registering accepted socket failed", e);
            closeQuietly(ch);
            return;
        }
        try {
            onAccept.accept(c);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "onAccept threw for " + c + "; aborting it", t);
            c.closeNow(new IOException("onAccept failed: " + t, t));
        }
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "close failed", e);
        }
    }

    @Override
    public void failed(Throwable cause) {
        LOG.log(Level.ERROR, "acceptor " + address + " failed; closing it", cause);
        close();
    }

    @Override
    public void reactorClosed() {
        closeChannel();
    }
}
