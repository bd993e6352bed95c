package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** blocking-echo and blocking-client as a user runs them: separate JVMs, their output and exit status. */
class BlockingExamplesProcessTest {

    private static final Pattern READY = Pattern.compile("READY (ws://127\\.0\\.0\\.1:(\\d+)/)");

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return process;
    }

    private static String firstLine(Process process) throws Exception {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                return "failed to read: " + e;
            }
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void blockingClientGetsHelloEchoedByBlockingEcho() throws Exception {
        Process server = launch("blocking-echo", "--port", "0");
        try {
            String line = firstLine(server);
            assertNotNull(line, "blocking-echo exited without printing READY");
            Matcher ready = READY.matcher(line);
            assertTrue(ready.matches(), "first line: " + line);
            String url = ready.group(1);

            int port = Integer.parseInt(ready.group(2));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            try (RawWebSocket ws = RawWebSocket.connect(address)) {
                String head = ws.exchangeHead(RawWebSocket.upgradeRequest(address, "/", RawWebSocket.newKey()));
                assertTrue(head.startsWith("HTTP/1.1 101 "), head);
                ws.sendFrame(0x2, new byte[] {1, 2, 3});
                RawWebSocket.Frame echo = ws.readFrame();
                assertEquals(0x2, echo.opcode());
                assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(echo.payload()[0], echo.payload()[1], echo.payload()[2]));
            }

            Process client = launch("blocking-client", url);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS), "blocking-client did not exit");
            String stdout = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, client.exitValue(), "stderr: " + stderr);
            assertEquals(List.of("READY " + url, "hello"), stdout.lines().toList());
        } finally {
            server.destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "blocking-echo did not stop on SIGTERM");
        }
    }

    @Test
    void blockingClientExits1NamingTheUrlWhenItCannotConnect() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "ws://127.0.0.1:" + port + "/";
        Process client = launch("blocking-client", url);
        assertTrue(client.waitFor(60, TimeUnit.SECONDS));
        String stderr = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, client.exitValue(), stderr);
        assertTrue(stderr.contains(url), stderr);
    }

    @Test
    void blockingClientWithoutAUrlIsAUsageError() throws Exception {
        Process client = launch("blocking-client");
        assertTrue(client.waitFor(60, TimeUnit.SECONDS));
        String stderr = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, client.exitValue(), stderr);
        assertTrue(stderr.contains("blocking-client ws://HOST:PORT/PATH"), stderr);
    }
}
