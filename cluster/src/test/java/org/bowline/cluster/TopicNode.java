package org.bowline.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.BowlineServer;
import org.bowline.container.session.SessionLimits;

/**
 * One Bowline node of the tests: {@link TopicEndpoint} at {@code /topics/{topic}} and, at
 * {@code /stats}, a session that answers {@code TOPIC} with the node's counters and the topic's
 * local subscriber count. As a process ({@link #main}) it takes the Redis URI, prints
 * {@code READY ws://HOST:PORT} and runs until its standard input closes.
 */
final class TopicNode implements AutoCloseable {

    private final BowlineServer server;
    private final Topics topics;

    private TopicNode(BowlineServer server, Topics topics) {
        this.server = server;
        this.topics = topics;
    }

    static TopicNode start(Topics topics, boolean leaveOnClose, SessionLimits limits) throws IOException, DeploymentException {
        BowlineServer server = BowlineServer.builder().host("127.0.0.1").port(0).limits(limits).build();
        server.container().addEndpoint(configOf(TopicEndpoint.class, "/topics/{topic}", new TopicEndpoint(topics, leaveOnClose)));
        server.container().addEndpoint(configOf(StatsEndpoint.class, "/stats", new StatsEndpoint(topics)));
        server.start();
        return new TopicNode(server, topics);
    }

    private static ServerEndpointConfig configOf(Class<? extends Endpoint> type, String path, Endpoint instance) {
        return ServerEndpointConfig.Builder.create(type, path).configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public <T> T getEndpointInstance(Class<T> endpointClass) {
                return endpointClass.cast(instance);
            }
        }).build();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    Topics topics() {
        return topics;
    }

    @Override
    public void close() {
        server.stop();
        topics.close();
    }

    /** Answers "TOPIC" with "published=.. received=.. ... subscribers=N". */
    static final class StatsEndpoint extends Endpoint {
        private final Topics topics;

        StatsEndpoint(Topics topics) {
            this.topics = topics;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) topic -> {
                TopicStats s = topics.stats();
                session.getAsyncRemote().sendText("published=" + s.published() + " publishFailed=" + s.publishFailed()
                        + " delivered=" + s.delivered() + " dropped=" + s.dropped() + " closedSlow=" + s.closedSlow()
                        + " received=" + s.received() + " ownSkipped=" + s.ownSkipped() + " reconnects=" + s.reconnects()
                        + " connected=" + s.connected() + " subscribers=" + topics.localSubscribers(topic));
            });
        }
    }

    /** {@code TopicNode REDIS_URI}: a node in a process of its own, for the cross-node tests. */
    public static void main(String[] args) throws Exception {
        RedisTopics topics = RedisTopics.builder(args[0])
                .backoff(new Backoff(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(500), 2.0))
                .sweepInterval(java.time.Duration.ofMillis(200))
                .build();
        TopicNode node = start(topics, true, SessionLimits.defaults());
        // Ready means ready for cross-node traffic; a loaded machine can take seconds for the first connection.
        if (!topics.awaitConnected(java.time.Duration.ofSeconds(60))) {
            System.err.println("No connection to Redis at " + topics.redis() + " within 60 s");
            System.exit(1);
        }
        System.out.println("READY ws://127.0.0.1:" + node.server.port());
        System.out.flush();
        // The test ends the node by closing its standard input (or killing it).
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // nothing to read; waiting for the end
            }
        }
        node.close();
        System.exit(0);
    }

    static List<String> javaCommand(String redisUri) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and the serial collector: a node of a test lives seconds, and starts faster without C2.
        return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                TopicNode.class.getName(), redisUri);
    }
}
