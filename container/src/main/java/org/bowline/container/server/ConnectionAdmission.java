package org.bowline.container.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bowline.container.handshake.HandshakeRejection;
import org.bowline.container.io.Connection;
import org.bowline.container.io.ConnectionHandler;

/**
 * Admits freshly accepted connections under two limits: connections open at once, and handshakes in
 * progress (connections that have not finished their upgrade request). Past either, the connection
 * is answered {@code 503 Service Unavailable} with {@code Retry-After} before any request is read, and
 * closed; the refusal is logged (one line, at most one a second, with how many were refused since).
 */
final class ConnectionAdmission {

    private static final System.Logger LOG = System.getLogger(ConnectionAdmission.class.getName());
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int maxConnections;
    private final int maxHandshakes;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    ConnectionAdmission(int maxConnections, int maxHandshakes) {
        this.maxConnections = maxConnections;
        this.maxHandshakes = maxHandshakes;
    }

    /**
     * Decides for a connection just accepted; {@code openConnections} counts it. True: it may handshake, and
     * {@link #handshakeEnded()} must follow once. False: it has been answered 503 and is closing.
     */
    boolean admit(Connection connection, int openConnections) {
        String why = null;
        if (openConnections > maxConnections) {
            why = openConnections - 1 + " connections are open (limit " + maxConnections + ")";
        } else if (handshakes.incrementAndGet() > maxHandshakes) {
            handshakes.decrementAndGet();
            why = maxHandshakes + " handshakes are in progress (limit " + maxHandshakes + ")";
        }
        if (why == null) {
            return true;
        }
        refuse(connection, why);
        return false;
    }

    void handshakeEnded() {
        handshakes.decrementAndGet();
    }

    int handshakesInProgress() {
        return handshakes.get();
    }

    long refusedConnections() {
        return refused.get();
    }

    private void refuse(Connection connection, String why) {
        refused.incrementAndGet();
        long since = refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
            refusedSinceLog.addAndGet(-since);
            LOG.log(System.Logger.Level.WARNING, "Refused {0} connection(s) with 503, the last from {1}: {2}",
                    since, connection.remoteAddress(), why);
        }
        connection.setHandler(Ignoring.INSTANCE);
        HandshakeRejection rejection = HandshakeRejection.of(503, "Server busy: " + why + "; try again later",
                "Retry-After", "1");
        connection.write(new ByteBuffer[] {rejection.encode()}, null);
        connection.close();
    }

    /** A refused connection's handler: what the peer still sends is dropped. */
    private enum Ignoring implements ConnectionHandler {
        INSTANCE;

        @Override
        public void onData(ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void onClosed(IOException cause) {
        }
    }
}
