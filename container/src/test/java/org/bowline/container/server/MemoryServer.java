package org.bowline.container.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.bowline.container.io.Connection;
import org.bowline.container.session.SessionExecutors;
import org.bowline.container.session.SessionLimits;

/**
 * Bowline's server over connections a test hands it (in-memory ones, say) instead of a listening socket:
 * each goes through the handshake handler {@link BowlineServer} gives every connection it accepts (the HTTP
 * upgrade under the same head-size limit and deadline, then the session), so only the transport differs.
 * TLS, connection admission and the server-wide queue budget, which belong to accepting sockets, are left out.
 */
public final class MemoryServer implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 8192;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final ExecutorService executor = SessionExecutors.newDefault("bowline-memory-session");
    private final BowlineServerContainer container;
    private final ServerHandshaker handshaker;

    /** With permessage-deflate offered, as {@link BowlineServer}'s default. */
    public MemoryServer(SessionLimits limits) {
        container = new BowlineServerContainer(limits, executor, true);
        handshaker = new ServerHandshaker(container);
    }

    /** Where endpoints are registered. */
    public BowlineServerContainer container() {
        return container;
    }

    /** Serves {@code connection} as an accepted one: its first bytes must be an upgrade request. */
    public void accept(Connection connection) {
        connection.setHandler(new HandshakeConnectionHandler(connection, handshaker, MAX_HEAD_BYTES,
                HANDSHAKE_TIMEOUT_MILLIS, null));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
