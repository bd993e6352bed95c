package org.bowline.examples;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.cluster.InMemoryTopics;
import org.bowline.cluster.RedisTopics;
import org.bowline.cluster.Topics;
import org.bowline.container.server.BowlineServer;
import org.bowline.container.server.PlainHttpResponse;

/**
 * {@code cluster-chat}: a chat room that spans every node started with the same Redis. Its page is
 * at {@code http://HOST:PORT/} and the chat at {@code ws://HOST:PORT/chat} (the page through
 * Bowline's plain-HTTP hook, on the same port).
 */
public final class ClusterChat implements Subcommand {

    private static final System.Logger LOG = System.getLogger(ClusterChat.class.getName());

    @Override
    public String name() {
        return "cluster-chat";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "cluster-chat [--host HOST] [--port PORT] [--redis redis://HOST:PORT]",
                "                     a chat room shared by every node started with the same --redis: its page at",
                "                     http://HOST:PORT/ (printed as 'Page: URL'), its WebSocket at ws://HOST:PORT/chat",
                "                     (printed as READY); without --redis, one node in memory");
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        Options options = Options.parse(name(), arguments, Set.of("--host", "--port", "--redis"));
        if (!options.positional().isEmpty()) {
            throw new UsageException(name() + ": unexpected argument: " + options.positional().get(0));
        }
        String host = options.host();
        int port = options.port();
        String redis = options.value("--redis");

        Topics topics;
        if (redis == null) {
            topics = new InMemoryTopics();
        } else {
            RedisTopics linked;
            try {
                linked = RedisTopics.builder(redis).build();
            } catch (IllegalArgumentException e) {
                throw new UsageException(name() + ": --redis: " + e.getMessage());
            }
            if (!linked.awaitConnected(Duration.ofSeconds(30))) {
                LOG.log(System.Logger.Level.WARNING, "Redis at {0} is not reachable yet; chatting on this node only"
                        + " until it is", linked.redis());
            }
            topics = linked;
        }
        PlainHttpResponse page = page();
        BowlineServer server = BowlineServer.builder().host(host).port(port).plainHttp(request -> {
            if (!request.rawPath().equals("/")) {
                return PlainHttpResponse.text(404, "text/plain", "Not found: " + request.rawPath());
            }
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return PlainHttpResponse.text(405, "text/plain", "Only GET serves the page");
            }
            return page;
        }).build();
        try {
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(ChatRoomEndpoint.class, "/chat")
                    .configurator(new Instance(new ChatRoomEndpoint(topics, host + ":" + port))).build());
            server.start();
        } catch (IOException | RuntimeException e) {
            server.stop();
            topics.close();
            throw e;
        }
        String authority = hostInUrl(host) + ":" + server.port();
        System.out.println("Page: http://" + authority + "/");
        System.out.println("READY ws://" + authority + "/chat");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            topics.close();
            stopped.countDown();
        }, "cluster-chat-shutdown"));
        stopped.await();
        return 0;
    }

    private static String hostInUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The page connects back to the host and port it was loaded from. */
    private static PlainHttpResponse page() throws IOException {
        try (InputStream in = ClusterChat.class.getResourceAsStream("cluster-chat.html")) {
            if (in == null) {
                throw new IOException("cluster-chat.html is missing from the class path");
            }
            return new PlainHttpResponse(200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    /** Hands the one endpoint instance (it keeps no per-session state) to every connection. */
    private static final class Instance extends ServerEndpointConfig.Configurator {
        private final Endpoint endpoint;

        Instance(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoint);
        }
    }
}
