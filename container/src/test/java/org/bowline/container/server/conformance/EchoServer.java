package org.bowline.container.server.conformance;

import java.io.IOException;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.BowlineServer;
import org.bowline.container.server.EchoEndpoint;
import org.bowline.container.server.MemoryServer;
import org.bowline.container.session.SessionLimits;

/** The default server under test: an echo endpoint at /echo with the demo server's limits. */
public final class EchoServer {

    static final long MIB = 1024 * 1024;

    /** The limits every target gives its echo endpoint (the cases send messages up to 64 MiB). */
    public static SessionLimits limits() {
        return SessionLimits.defaults()
                .withMaxMessageBytes(64 * MIB, 64 * MIB)
                .withMaxFramePayload(64 * MIB)
                .withQueues(80 * MIB, 128 * MIB);
    }

    private EchoServer() {
    }

    /** The same endpoint and limits served by Bowline's server code over in-memory connections. */
    static MemoryServer startInMemory() throws DeploymentException {
        MemoryServer server = new MemoryServer(limits());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        return server;
    }

    static ConformanceTarget start() throws IOException, DeploymentException {
        BowlineServer server = BowlineServer.builder().port(0).limits(limits()).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
        return new ConformanceTarget() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public String path() {
                return "/echo";
            }

            @Override
            public void close() {
                server.stop();
            }
        };
    }
}
