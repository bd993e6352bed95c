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
public final class MemoryServer {

    private static final int MAX_HEAD_BYTES = 8192;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    /**
     * Shared like a container's pool and never shut down: a session whose connection closed as its case
     * ended reports it on the executor a moment later, perhaps after the test class is done. Its threads
     * are daemons that leave after a minute idle.
     */
    private static final ExecutorService EXECUTOR = SessionExecutors.newDefault("bowline-memory-session");
    private final BowlineServerContainer container;
    private final ServerHandshaker handshaker;
    private final HandshakeDeadlines deadlines;

    /** With permessage-deflate offered, as {@link BowlineServer}'s default. */
    public MemoryServer(SessionLimits limits) {
        container = new BowlineServerContainer(limits, EXECUTOR, true);
        handshaker = new ServerHandshaker(container);
        deadlines = new HandshakeDeadlines(TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_TIMEOUT_MILLIS));
    }

    /** Where endpoints are registered. */
    public BowlineServerContainer container() {
        return container;
    }

    /** Serves {@code connection} as an accepted one: its first bytes must be an upgrade request. */
    public void accept(Connection connection) {
        connection.setHandler(new HandshakeConnectionHandler(connection, handshaker, EXECUTOR, MAX_HEAD_BYTES,
                deadlines, null));
    }
}
