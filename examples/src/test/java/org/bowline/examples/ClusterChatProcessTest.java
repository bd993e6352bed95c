package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.junit.jupiter.api.Test;

/**
 * {@code cluster-chat} as its README section runs it: Redis and two nodes, each its own process
 * started from the command line, a client on each.
 */
class ClusterChatProcessTest {

    @Test
    void whatIsSaidOnOneNodeIsSeenOnTheOtherAndThePageIsServed() throws Exception {
        Path redisServer = ExternalPeers.onPath("redis-server")
                .or(() -> java.util.Optional.of(Path.of("/usr/bin/redis-server")).filter(p -> p.toFile().canExecute()))
                .orElse(null);
        ExternalPeers.require("Redis", redisServer == null
                ? List.of("redis-server is not installed (Debian: apt-get install redis-server)") : List.of());
        int redisPort = freePort();
        Process redis = new ProcessBuilder(redisServer.toString(), "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<Process> nodes = new ArrayList<>();
        try {
            awaitPort(redisPort);
            String redisUri = "redis://127.0.0.1:" + redisPort;
            Process one = launch("cluster-chat", "--port", "0", "--redis", redisUri);
            nodes.add(one);
            Process two = launch("cluster-chat", "--port", "0", "--redis", redisUri);
            nodes.add(two);
            String[] first = readyLines(one);
            String[] second = readyLines(two);

            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(first[1])).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains(":" + URI.create(first[0]).getPort() + "/chat"), "the page connects to its node's chat");

            BlockingQueue<String> onOne = new LinkedBlockingQueue<>();
            BlockingQueue<String> onTwo = new LinkedBlockingQueue<>();
            Session ada = connect(URI.create(first[0] + "?name=ada"), onOne);
            awaitLine(onOne, "* ada joined");
            Session bob = connect(URI.create(second[0] + "?name=bob"), onTwo);
            awaitLine(onTwo, "* bob joined");
            awaitLine(onOne, "* bob joined");

            ada.getBasicRemote().sendText("hello from node one");
            awaitLine(onTwo, "ada: hello from node one");
            bob.getBasicRemote().sendText("hello from node two");
            awaitLine(onOne, "bob: hello from node two");
            ada.close();
            bob.close();
        } finally {
            for (Process node : nodes) {
                node.destroy();
                node.waitFor(30, TimeUnit.SECONDS);
            }
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        return process;
    }

    /** {CHAT url, READY url}. */
    private static String[] readyLines(Process node) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String chat = out.readLine();
        String ready = out.readLine();
        assertNotNull(ready, "cluster-chat exited early; printed: " + chat);
        assertTrue(chat.matches("CHAT ws://127\\.0\\.0\\.1:\\d+/chat"), chat);
        assertTrue(ready.matches("READY http://127\\.0\\.0\\.1:\\d+/"), ready);
        return new String[] {chat.substring("CHAT ".length()), ready.substring("READY ".length())};
    }

    private static Session connect(URI uri, BlockingQueue<String> received) throws Exception {
        return ContainerProvider.getWebSocketContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }

    /** Waits for a line starting with {@code prefix}, skipping others (joins and leaves of the other node). */
    private static void awaitLine(BlockingQueue<String> received, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = received.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                if (line.startsWith(prefix)) {
                    return;
                }
                seen.add(line);
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within 30 s; got " + seen);
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
}
