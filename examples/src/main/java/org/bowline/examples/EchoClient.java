package org.bowline.examples;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;

import org.bowline.container.client.BowlineClientContainer;

/**
 * The demo jar's client mode: connects with Bowline's client, offering permessage-deflate, and echoes
 * every message the server sends (text as text, binary as binary, up to {@link #MAX_MESSAGE_BYTES})
 * until the connection ends, however it ends. Conformance suites drive clients this way: their server
 * sends, checks the echoes and closes or fails the connection.
 */
public final class EchoClient {

    /** Largest text (UTF-8 bytes) or binary message the client accepts, however framed or compressed: 64 MiB. */
    public static final int MAX_MESSAGE_BYTES = Math.toIntExact(DemoServer.MAX_MESSAGE_BYTES);

    // A session's frame limit follows its message limits, and a 64 MiB incompressible message that a
    // server deflates into one frame (ws and browsers do) is a frame a little over 64 MiB: the slack
    // lets that frame in, at the price of messages up to this much over 64 MiB being accepted too.
    private static final int SESSION_LIMIT = Math.toIntExact(DemoServer.MAX_MESSAGE_BYTES + DemoServer.DEFLATE_GROWTH_SLACK);

    private static final String PERMESSAGE_DEFLATE = "permessage-deflate";

    private EchoClient() {
    }

    /**
     * Connects to {@code url}, echoes until the connection ends and says how it ended: the server's
     * close, the client's own failure of the connection (1002, 1007, 1009, ...) or 1006 when the TCP
     * connection ended without a close frame.
     *
     * @throws IOException         if it cannot connect or the opening handshake fails
     * @throws DeploymentException if the client refuses the URL or the configuration
     */
    public static CloseReason run(URI url) throws IOException, DeploymentException {
        try (BowlineClientContainer container = new BowlineClientContainer()) {
            container.setDefaultMaxTextMessageBufferSize(SESSION_LIMIT);
            container.setDefaultMaxBinaryMessageBufferSize(SESSION_LIMIT);
            // A suite may keep the connection quiet for as long as it likes.
            container.setDefaultMaxSessionIdleTimeout(0);
            ClosingEcho endpoint = new ClosingEcho();
            container.connectToServer(endpoint, config(container), url);
            return endpoint.closed.join();
        }
    }

    /** Asks for permessage-deflate, which the container offers with client_max_window_bits. */
    private static ClientEndpointConfig config(BowlineClientContainer container) throws DeploymentException {
        for (Extension extension : container.getInstalledExtensions()) {
            if (extension.getName().equals(PERMESSAGE_DEFLATE)) {
                return ClientEndpointConfig.Builder.create().extensions(List.of(extension)).build();
            }
        }
        throw new DeploymentException("The client container does not offer " + PERMESSAGE_DEFLATE
                + "; installed: " + container.getInstalledExtensions());
    }

    /** {@link EchoEndpoint}, which also reports how its one session ended. */
    private static final class ClosingEcho extends EchoEndpoint {

        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closed.complete(closeReason);
        }
    }
}
