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

    /**
     * What all sessions together may hold for their peers (queued echoes plus received messages not yet
     * echoed) before those with a backlog stop reading: two largest messages each way.
     */
    public static final long QUEUE_BUDGET_BYTES = 4 * MAX_MESSAGE_BYTES;

    private final BowlineServer server;

    private DemoServer(BowlineServer server) {
        this.server = server;
    }

    /**
     * The session limits of the demo server: large messages, but the default (small) queues. A 64 MiB
     * message is still taken and echoed whole: the queue limits decide whether a session reads on
     * behind a message, never whether one message may pass (see {@link SessionLimits}). So a client
     * that sends and never reads its echoes costs the server a few hundred KiB, not gigabytes.
     */
    public static SessionLimits limits() {
        return SessionLimits.defaults()
                .withMaxMessageBytes(MAX_MESSAGE_BYTES, MAX_MESSAGE_BYTES)
                .withMaxFramePayload(MAX_MESSAGE_BYTES + DEFLATE_GROWTH_SLACK);
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and starts accepting.
     *
     * @throws IOException if the address cannot be bound
     */
    public static DemoServer start(String host, int port) throws IOException, DeploymentException {
        BowlineServer server = BowlineServer.builder().host(host).port(port).limits(limits())
                .queueBudget(QUEUE_BUDGET_BYTES).build();
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

    /** The server's queue budget and gauges (what tests watch while peers misbehave). */
    public org.bowline.container.io.QueueBudget queueBudget() {
        return server.queueBudget();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        server.stop();
    }
}
