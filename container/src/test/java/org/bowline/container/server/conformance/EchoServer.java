package org.bowline.container.server.conformance;

import java.io.IOException;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.BowlineServer;
import org.bowline.container.server.EchoEndpoint;
import org.bowline.container.session.SessionLimits;

/** The server under test: an echo endpoint at /echo with the demo server's limits. */
public final class EchoServer {

    static final long MIB = 1024 * 1024;

    /** The limits every conformance target gives its echo endpoint (the cases send messages up to 64 MiB). */
    public static SessionLimits limits() {
        return SessionLimits.defaults()
                .withMaxMessageBytes(64 * MIB, 64 * MIB)
                .withMaxFramePayload(64 * MIB)
                .withQueues(80 * MIB, 128 * MIB);
    }

    private EchoServer() {
    }

    static BowlineServer start() throws IOException, DeploymentException {
        BowlineServer server = BowlineServer.builder().port(0).limits(limits()).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        return server.start();
    }
}
