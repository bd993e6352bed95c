package org.bowline.servlet.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerContainer;

/**
 * An endpoint that is also a client, as applications in a WAR are: each text message names a
 * WebSocket URI; the endpoint connects to it through the application's {@link ServerContainer} (the
 * servlet context attribute), sends "hello", and passes every reply back prefixed with "relayed ".
 * The client connection stays open, for the application's stop to close.
 */
public class RelayEndpoint extends Endpoint {

    private final ServerContainer container;

    public RelayEndpoint(ServerContainer container) {
        this.container = container;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, target -> {
            try {
                Session outgoing = container.connectToServer(new Forwarder(session),
                        ClientEndpointConfig.Builder.create().build(), URI.create(target));
                WebSocketContainer itsContainer = outgoing.getContainer();
                session.getBasicRemote().sendText("connected; same container: " + (itsContainer == container));
                outgoing.getBasicRemote().sendText("hello");
            } catch (DeploymentException | IOException e) {
                try {
                    session.getBasicRemote().sendText("failed: " + e);
                } catch (IOException again) {
                    throw new UncheckedIOException(again);
                }
            }
        });
    }

    /** The client side: passes what the far end sends back to the relay's own peer. */
    static final class Forwarder extends Endpoint {
        private final Session back;

        Forwarder(Session back) {
            this.back = back;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    back.getBasicRemote().sendText("relayed " + text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
