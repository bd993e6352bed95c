package org.bowline.container.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;

import org.bowline.container.frame.Role;
import org.bowline.container.handshake.ClientHandshake;
import org.bowline.container.handshake.HandshakeFailedException;
import org.bowline.container.io.Connection;
import org.bowline.container.session.SessionLimits;
import org.bowline.container.session.SessionSetup;
import org.bowline.container.session.WsSession;

/**
 * A client container's session over a connection a test hands it (an in-memory one, say) instead of
 * one its NIO reactor opens: the steps of {@link ConnectAttempt#run()} after TCP is up, with the same
 * classes (the upgrade request and its checks, the extension plan, the head exchange, the session's
 * limits, executor and open-session set). Proxies, TLS and configurator callbacks, which the
 * conformance cases do not use, are left out; keep this in step with ConnectAttempt.
 */
public final class MemoryConnect {

    private MemoryConnect() {
    }

    /** Opens a session to {@code uri} over {@code connection}, whose other end answers the upgrade. */
    public static Session connect(BowlineClientContainer container, Endpoint endpoint, ClientEndpointConfig config,
                                  URI uri, Connection connection) throws IOException, DeploymentException {
        ClientConnections clients = container.clientConnections();
        ClientSettings settings = new ClientSettings(config.getUserProperties());
        try {
            ExtensionPlan plan = ExtensionPlan.of(config.getExtensions(), clients.defaults().deflateOffered());
            ClientHandshake handshake = new ClientHandshake(uri, null, config.getPreferredSubprotocols(), plan.header(),
                    null);
            HeadExchange upgrade = new HeadExchange(connection, ConnectAttempt.MAX_HEAD_BYTES, "server " + uri.getAuthority());
            long timeout = settings.millis(BowlineClientContainer.HANDSHAKE_TIMEOUT, clients.defaults().handshakeTimeout());
            HeadExchange.Result result = upgrade.start(handshake.encodeRequest()).get(timeout, TimeUnit.MILLISECONDS);
            handshake.validateResponse(result.head());
            ExtensionPlan.Outcome extensions = plan.accept(handshake.extensions());
            SessionLimits limits = container.limitsForNewSession().withCloseTimeoutMillis(
                    settings.millis(BowlineClientContainer.CLOSE_TIMEOUT, clients.defaults().closeTimeout()));
            WsSession session = new WsSession(new SessionSetup(connection, Role.CLIENT, endpoint, config, container,
                    limits, container.sessionExecutor(), uri.toString(), Map.of(), null, Map.of(), null,
                    handshake.subprotocol(), extensions.extensions(), extensions.deflate(),
                    clients.openSessions(endpoint.getClass())));
            session.startSuspended(result.leftover());   // the head reader suspended reading
            return session;
        } catch (HandshakeFailedException e) {
            connection.abort();
            throw new DeploymentException("The WebSocket handshake with " + uri + " failed: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            connection.abort();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            connection.abort();
            throw new SocketTimeoutException("the upgrade over " + connection + " did not complete in time");
        } catch (InterruptedException e) {
            connection.abort();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted during the upgrade");
        } catch (IOException | RuntimeException | Error e) {
            connection.abort();
            throw e;
        }
    }
}
