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

/** Main as a user runs it: a separate JVM, its standard streams and its exit status. */
class MainProcessTest {

    private static final Pattern READY = Pattern.compile("READY ws://127\\.0\\.0\\.1:(\\d+)");

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return process;
    }

    @Test
    void printsReadyWithTheRealPortOnceItAcceptsAndEchoes() throws Exception {
        Process process = launch("--port", "0");
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (IOException e) {
                    return "failed to read: " + e;
                }
            }).get(60, TimeUnit.SECONDS);
            assertNotNull(line, "Main exited without printing READY");
            Matcher ready = READY.matcher(line);
            assertTrue(ready.matches(), "first line: " + line);
            int port = Integer.parseInt(ready.group(1));
            assertTrue(port > 0, line);

            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            try (RawWebSocket ws = RawWebSocket.connect(address)) {
                String head = ws.exchangeHead(RawWebSocket.upgradeRequest(address, DemoServer.ECHO_PATH, RawWebSocket.newKey()));
                assertTrue(head.startsWith("HTTP/1.1 101 "), head);
                ws.sendFrame(0x1, "ready?".getBytes(StandardCharsets.UTF_8));
                assertEquals("ready?", ws.readFrame().text());
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "Main did not stop on SIGTERM");
        }
    }

    @Test
    void badArgumentsPrintUsageOnStderrAndExit2() throws Exception {
        for (String[] args : new String[][] {{"--port", "http"}, {"echo-client"}, {"echo-client", "http://127.0.0.1:1/echo"}, {"--bogus"}}) {
            Process process = launch(args);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "Main did not exit for " + List.of(args));
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, process.exitValue(), List.of(args) + " stderr: " + stderr);
            assertEquals("", stdout, List.of(args).toString());
            assertTrue(stderr.startsWith("bowline-examples: "), stderr);
            assertTrue(stderr.contains("Usage: java -jar bowline-examples.jar"), stderr);
        }
    }
}
