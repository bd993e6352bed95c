package org.bowline.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.cluster.InMemoryTopics;
import org.bowline.cluster.RedisTopics;
import org.bowline.cluster.Topics;
import org.bowline.container.server.BowlineServer;

/**
 * {@code cluster-chat}: a chat room that spans every node started with the same Redis. The chat
 * is at {@code ws://HOST:PORT/chat}; its page is served by the JDK's HTTP server at
 * {@code http://HOST:PAGE-PORT/} (Bowline's server answers WebSocket upgrades only).
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
                "Usage: java -jar bowline-examples.jar cluster-chat [--host HOST] [--port PORT] [--page-port PORT]"
                        + " [--redis redis://HOST:PORT]",
                "",
                "cluster-chat         a chat room at ws://HOST:PORT/chat (default port 8080) shared by every node",
                "                     started with the same --redis; its page at http://HOST:PAGE-PORT/ (default:",
                "                     PORT + 1). Prints CHAT ws://HOST:PORT/chat, then READY http://HOST:PAGE-PORT/",
                "  --redis URI        Redis that links the nodes (without it: one node, in memory)");
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        Options options = Options.parse(name(), arguments, Set.of("--host", "--port", "--page-port", "--redis"));
        if (!options.positional().isEmpty()) {
            throw new UsageException(name() + ": unexpected argument: " + options.positional().get(0));
        }
        String host = options.host();
        int port = options.port();
        int pagePort = options.port("--page-port", port == 0 ? 0 : port + 1);
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
        BowlineServer server = BowlineServer.builder().host(host).port(port).build();
        HttpServer pages = null;
        try {
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(ChatRoomEndpoint.class, "/chat")
                    .configurator(new Instance(new ChatRoomEndpoint(topics, host + ":" + port))).build());
            server.start();
            String chatUrl = "ws://" + hostInUrl(host) + ":" + server.port() + "/chat";
            pages = HttpServer.create(new InetSocketAddress(host, pagePort), 0);
            byte[] page = page(server.port());
            pages.createContext("/", exchange -> servePage(exchange, page));
            pages.setExecutor(Executors.newSingleThreadExecutor());
            pages.start();
            System.out.println("CHAT " + chatUrl);
            System.out.println("READY http://" + hostInUrl(host) + ":" + pages.getAddress().getPort() + "/");
            System.out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            HttpServer started = pages;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.stop(0);
                server.stop();
                topics.close();
                stopped.countDown();
            }, "cluster-chat-shutdown"));
            stopped.await();
            return 0;
        } catch (IOException | RuntimeException e) {
            if (pages != null) {
                pages.stop(0);
            }
            server.stop();
            topics.close();
            throw e;
        }
    }

    private static String hostInUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static byte[] page(int chatPort) throws IOException {
        try (InputStream in = ClusterChat.class.getResourceAsStream("cluster-chat.html")) {
            if (in == null) {
                throw new IOException("cluster-chat.html is missing from the class path");
            }
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return html.replace("CHAT_PORT", String.valueOf(chatPort)).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void servePage(HttpExchange exchange, byte[] page) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : page.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            }
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
