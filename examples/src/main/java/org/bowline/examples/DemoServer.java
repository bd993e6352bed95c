package org.bowline.examples;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.BowlineServer;
import org.bowline.container.session.SessionLimits;

/**
 * The demo server: a {@link BowlineServer} serving {@link EchoEndpoint} at {@value #ECHO_PATH},
 * with permessage-deflate on and limits raised so messages and single frames of up to
 * {@link #MAX_MESSAGE_BYTES} are accepted. {@link Main} runs it; tests start the same thing.
 */
public final class DemoServer implements AutoCloseable {

    public static final String ECHO_PATH = "/echo";

    /** Largest text (UTF-8 bytes) or binary message, and (give or take deflate's growth) single frame: 64 MiB. */
    public static final long MAX_MESSAGE_BYTES = 64L << 20;

    // permessage-deflate makes incompressible data slightly larger (about 5 bytes per 16 KiB stored
    // block), and ws and browsers send a whole message as one frame: without this a 64 MiB random
    // binary message, compressed, would be refused as a frame over the limit.
    static final long DEFLATE_GROWTH_SLACK = 64L << 10;

    // Room beyond one largest echo for frame headers, deflate's growth and pongs, so a single
    // 64 MiB echo never waits on its own queue.
    private static final long OUTBOUND_SLACK = 4L << 20;

    private final BowlineServer server;

    private DemoServer(BowlineServer server) {
        this.server = server;
    }

    /** The session limits of the demo server. */
    public static SessionLimits limits() {
        return SessionLimits.defaults()
                .withMaxMessageBytes(MAX_MESSAGE_BYTES, MAX_MESSAGE_BYTES)
                .withMaxFramePayload(MAX_MESSAGE_BYTES + DEFLATE_GROWTH_SLACK)
                .withQueues(MAX_MESSAGE_BYTES + OUTBOUND_SLACK, 2 * MAX_MESSAGE_BYTES);
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and starts accepting.
     *
     * @throws IOException if the address cannot be bound
     */
    public static DemoServer start(String host, int port) throws IOException, DeploymentException {
        BowlineServer server = BowlineServer.builder().host(host).port(port).limits(limits()).build();
        try {
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, ECHO_PATH).build());
            server.start();
        } catch (IOException | DeploymentException | RuntimeException e) {
            server.stop();
            throw e;
        }
        return new DemoServer(server);
    }

    /** The bound address, with the real port. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code ws://HOST:PORT} of the bound address. */
    public String url() {
        InetSocketAddress bound = address();
        String host = bound.getAddress().getHostAddress();
        if (bound.getAddress() instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
        }
        return "ws://" + host + ":" + bound.getPort();
    }

    /** Where {@link EchoEndpoint} answers. */
    public URI echoUri() {
        return URI.create(url() + ECHO_PATH);
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        server.stop();
    }
}
