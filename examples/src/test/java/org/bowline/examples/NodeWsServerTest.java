package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Node.js's {@code ws} as the server (src/test/node/echo-client-peer.mjs) driving
 * {@code bowline-examples echo-client}, run as a separate JVM once per mode: permessage-deflate
 * declined and negotiated (its offer must carry client_max_window_bits), echoes of text and binary
 * from 0 bytes to 16 MiB and of binary at the 64 MiB limit, fragmented messages, ping/pong, the
 * server's close answered, and the server dropping the connection. Each check the script reports is
 * a test of its own; so is each client run's exit status, which must be 0 however the server ended it.
 */
class NodeWsServerTest {

    private static final Path NODE_DIR = ExternalPeers.moduleDir().resolve(Path.of("src", "test", "node"));
    private static final long[] SIZES = {0, 1, 125, 126, 65535, 65536, 1 << 20, 16 << 20};
    private static final List<String> MODES = List.of("plain", "deflate", "terminate");
    private static final Pattern READY = Pattern.compile("READY (ws://127\\.0\\.0\\.1:\\d+)");
    private static final long CLIENT_TIMEOUT_MINUTES = 10;

    /** The checks echo-client-peer.mjs must report. */
    static List<String> expectedChecks() {
        List<String> names = new ArrayList<>();
        for (String mode : MODES) {
            names.add(mode + ": client connected");
            names.add(mode + ": offer is permessage-deflate with client_max_window_bits");
            if (mode.equals("terminate")) {
                names.add(mode + ": echo before the server drops the connection");
                continue;
            }
            names.add(mode + ": negotiated extensions");
            for (long size : SIZES) {
                names.add(mode + ": echo text " + size + " bytes");
                names.add(mode + ": echo binary " + size + " bytes");
            }
            names.add(mode + ": echo binary at the 64 MiB limit");
            names.add(mode + ": fragmented text");
            names.add(mode + ": fragmented binary");
            names.add(mode + ": ping 125 bytes answered by pong");
            names.add(mode + ": close " + (mode.equals("plain") ? 1000 : 4000) + " answered by the client");
        }
        return names;
    }

    @TestFactory
    Stream<DynamicTest> echoClientPassesEveryCheckOfTheNodeWsServer() throws Exception {
        List<String> missing = new ArrayList<>();
        Optional<Path> node = ExternalPeers.onPath("node");
        if (node.isEmpty()) {
            missing.add("`node` is not on PATH (install Node.js 18 or later, e.g. `apt-get install -y nodejs npm`)");
        }
        if (!Files.isDirectory(NODE_DIR.resolve(Path.of("node_modules", "ws")))) {
            missing.add("the npm package ws is not installed in " + NODE_DIR.resolve("node_modules")
                    + " (run `npm ci --prefix examples/src/test/node` from the repository root)");
        }
        if (!missing.isEmpty()) {
            return Stream.of(dynamicTest("the Node.js ws peer is installed",
                    () -> ExternalPeers.require("The Node.js ws peer", missing)));
        }

        Process peer = new ProcessBuilder(node.get().toString(), "echo-client-peer.mjs").directory(NODE_DIR.toFile()).start();
        List<DynamicTest> tests = new ArrayList<>();
        List<String> peerOut = Collections.synchronizedList(new ArrayList<>());
        StringBuilder peerErr = new StringBuilder();
        CompletableFuture<String> ready = new CompletableFuture<>();
        try {
            peer.getOutputStream().close();
            Thread out = pump(peer.getInputStream(), line -> {
                Matcher m = READY.matcher(line);
                if (m.matches()) {
                    ready.complete(m.group(1));
                } else {
                    peerOut.add(line);
                }
            });
            Thread err = pump(peer.getErrorStream(), line -> {
                synchronized (peerErr) {
                    peerErr.append(line).append('\n');
                }
            });
            String base = ready.get(60, TimeUnit.SECONDS);
            for (String mode : MODES) {
                ClientRun run = ClientRun.execute(base + "/" + mode);
                tests.add(dynamicTest(mode + ": echo-client exits with status 0", () ->
                        assertEquals(0, run.exitCode(), run.timedOut()
                                ? "echo-client was killed after " + CLIENT_TIMEOUT_MINUTES + " minutes; stderr:\n" + run.stderr()
                                : "echo-client stdout: " + run.stdout() + "stderr:\n" + run.stderr())));
                if (mode.equals("plain") || mode.equals("deflate")) {
                    int code = mode.equals("plain") ? 1000 : 4000;
                    tests.add(dynamicTest(mode + ": echo-client prints the server's close code", () ->
                            assertTrue(run.stdout().startsWith("CLOSED " + code), run.stdout() + run.stderr())));
                } else {
                    tests.add(dynamicTest(mode + ": echo-client prints 1006 for a dropped connection", () ->
                            assertTrue(run.stdout().startsWith("CLOSED 1006"), run.stdout() + run.stderr())));
                }
            }
            if (!peer.waitFor(2, TimeUnit.MINUTES)) {
                peer.destroyForcibly().waitFor();
            }
            out.join();
            err.join();
        } finally {
            if (peer.isAlive()) {
                peer.destroyForcibly().waitFor();
            }
        }

        PeerReport report = PeerReport.parse(List.copyOf(peerOut));
        String context;
        synchronized (peerErr) {
            context = "\n--- peer stderr ---\n" + peerErr + "--- peer's other output ---\n" + report.otherOutput();
        }
        List<String> expected = expectedChecks();
        for (String name : expected) {
            tests.add(dynamicTest(name, () -> {
                PeerReport.Check check = report.checks().get(name);
                assertNotNull(check, "echo-client-peer.mjs did not report '" + name + "'" + context);
                assertTrue(check.ok(), name + " failed: " + check.detail());
            }));
        }
        tests.add(dynamicTest("echo-client-peer.mjs reports no check this test does not know", () -> {
            List<String> unknown = new ArrayList<>(report.checks().keySet());
            unknown.removeAll(expected);
            assertEquals(List.of(), unknown, "add them to expectedChecks()");
        }));
        int peerExit = peer.exitValue();
        tests.add(dynamicTest("echo-client-peer.mjs exits with status 0", () ->
                assertEquals(0, peerExit, "echo-client-peer.mjs exited with status " + peerExit + context)));
        return tests.stream();
    }

    /** One finished run of {@code echo-client URL} in a separate JVM. */
    record ClientRun(String stdout, String stderr, int exitCode, boolean timedOut) {

        static ClientRun execute(String url) throws IOException, InterruptedException {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "echo-client", url);
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            StringBuilder stdout = new StringBuilder();
            StringBuilder stderr = new StringBuilder();
            Thread out = pump(process.getInputStream(), line -> append(stdout, line));
            Thread err = pump(process.getErrorStream(), line -> append(stderr, line));
            boolean finished = process.waitFor(CLIENT_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            out.join();
            err.join();
            synchronized (stdout) {
                synchronized (stderr) {
                    return new ClientRun(stdout.toString(), stderr.toString(), process.exitValue(), !finished);
                }
            }
        }

        private static void append(StringBuilder to, String line) {
            synchronized (to) {
                to.append(line).append('\n');
            }
        }
    }

    private static Thread pump(InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "peer-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
