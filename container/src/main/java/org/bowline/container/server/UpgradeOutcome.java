package org.bowline.container.server;

import java.nio.ByteBuffer;

import org.bowline.container.handshake.HandshakeRejection;
import org.bowline.container.handshake.HttpHeaders;
import org.bowline.container.handshake.SwitchingProtocols;
import org.bowline.container.io.Connection;
import org.bowline.container.session.WsSession;

/** What {@link ServerHandshaker} decided: refuse with an HTTP answer, or switch protocols. */
public sealed interface UpgradeOutcome {

    /** Answer with this HTTP response and close. */
    record Rejected(HandshakeRejection rejection) implements UpgradeOutcome {
    }

    /**
     * Switch protocols: send 101 with {@code responseHeaders} (Upgrade, Connection and
     * Sec-WebSocket-Accept are added by {@link #encode101()} or by the host), then
     * {@link #open(Connection)} the session on the upgraded connection.
     */
    record Accepted(String secWebSocketKey, HttpHeaders responseHeaders, SessionFactory sessions)
            implements UpgradeOutcome {

        public ByteBuffer encode101() {
            return SwitchingProtocols.encode(secWebSocketKey, responseHeaders);
        }

        public WsSession open(Connection connection) {
            return sessions.create(connection);
        }
    }

    /** Creates the session once the host has the upgraded connection. */
    @FunctionalInterface
    interface SessionFactory {
        WsSession create(Connection connection);
    }
}
