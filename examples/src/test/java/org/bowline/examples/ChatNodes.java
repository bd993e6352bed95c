package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the README's "two nodes and Redis on one machine" starts: a redis-server on a free loopback
 * port and two {@code cluster-chat} processes linked by it, each from the command line. Skips (or,
 * under {@code bowline.requirePeers}, fails) the calling test when redis-server is not installed.
 */
final class ChatNodes implements AutoCloseable {

    private final Process redis;
    private final List<Process> nodes = new ArrayList<>();
    private final List<URI> chats = new ArrayList<>();
    private final List<URI> pages = new ArrayList<>();

    private ChatNodes(Process redis) {
        this.redis = redis;
    }

    static ChatNodes start() throws Exception {
        Optional<Path> server = ExternalPeers.onPath("redis-server")
                .or(() -> Optional.of(Path.of("/usr/bin/redis-server")).filter(p -> p.toFile().canExecute()));
        ExternalPeers.require("Redis", server.isEmpty()
                ? List.of("redis-server is not installed (Debian: apt-get install redis-server)") : List.of());
        int port = freePort();
        Process redis = new ProcessBuilder(server.get().toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ChatNodes cluster = new ChatNodes(redis);
        try {
            awaitPort(port);
            String uri = "redis://127.0.0.1:" + port;
            for (int i = 0; i < 2; i++) {
                cluster.nodes.add(launch("cluster-chat", "--port", "0", "--redis", uri));
            }
            for (Process node : cluster.nodes) {
                cluster.readReady(node);
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code ws://.../chat} of node 0 or 1. */
    URI chat(int node) {
        return chats.get(node);
    }

    /** {@code http://.../} of node 0 or 1, the chat's page. */
    URI page(int node) {
        return pages.get(node);
    }

    private static Process launch(String... args) throws IOException {
        // C1 only and the serial collector: the nodes live seconds, and start faster without C2.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        return process;
    }

    /** Reads {@code Page: http://.../} then {@code READY ws://.../chat}. */
    private void readReady(Process node) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String page = out.readLine();
        String ready = out.readLine();
        assertNotNull(ready, "cluster-chat exited early; printed: " + page);
        assertTrue(page.matches("Page: http://127\\.0\\.0\\.1:\\d+/"), page);
        assertTrue(ready.matches("READY ws://127\\.0\\.0\\.1:\\d+/chat"), ready);
        pages.add(URI.create(page.substring("Page: ".length())));
        chats.add(URI.create(ready.substring("READY ".length())));
        assertTrue(pages.get(pages.size() - 1).getPort() == chats.get(chats.size() - 1).getPort(), "page and chat share the port");
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("redis-server did not listen on port " + port + " within 10 s");
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process node : nodes) {
            node.destroy();
        }
        for (Process node : nodes) {
            node.waitFor(30, TimeUnit.SECONDS);
        }
        redis.destroy();
        redis.waitFor(10, TimeUnit.SECONDS);
    }
}
