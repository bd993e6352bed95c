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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Node.js's {@code ws} (src/test/node/echo-peer.mjs) as an independent peer of the demo server:
 * echoes of text and binary from 0 bytes to 16 MiB and of binary at the 64 MiB limit, fragmented
 * messages, ping/pong, close codes and protocol errors from a raw socket, each without and with
 * permessage-deflate. The script reports one JSON line per check; each check here is a test of
 * its own, named as the script names it, and a check the script never reported fails as well.
 */
class NodeWsPeerTest {

    private static final Path NODE_DIR = ExternalPeers.moduleDir().resolve(Path.of("src", "test", "node"));
    private static final long[] SIZES = {0, 1, 125, 126, 65535, 65536, 1 << 20, 16 << 20};
    private static final long PEER_TIMEOUT_MINUTES = 10;

    /** The checks echo-peer.mjs must report, in its order. */
    static List<String> expectedChecks() {
        List<String> names = new ArrayList<>();
        for (String mode : List.of("plain", "deflate")) {
            names.add(mode + ": negotiated extensions");
            for (long size : SIZES) {
                names.add(mode + ": echo text " + size + " bytes");
                names.add(mode + ": echo binary " + size + " bytes");
            }
            names.add(mode + ": echo binary at the 64 MiB limit");
            names.add(mode + ": fragmented text");
            names.add(mode + ": fragmented binary");
            names.add(mode + ": ping between fragments");
            names.add(mode + ": ping 0 bytes answered by pong");
            names.add(mode + ": ping 125 bytes answered by pong");
            names.add(mode + ": close 1000 echoed");
            names.add(mode + ": close 4000 with reason echoed");
            names.add(mode + ": unmasked client frame gets close 1002");
            names.add(mode + ": reserved opcode 3 gets close 1002");
            names.add(mode + ": reserved control opcode 11 gets close 1002");
            names.add(mode + ": RSV2 set gets close 1002");
            names.add(mode.equals("plain")
                    ? mode + ": RSV1 without permessage-deflate gets close 1002"
                    : mode + ": RSV1 on a ping gets close 1002");
        }
        return names;
    }

    @TestFactory
    Stream<DynamicTest> nodeWsPeerPassesEveryCheckAgainstTheDemoServer() throws Exception {
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
            // A test of its own, so the skip (or the failure under bowline.requirePeers) is counted and reported.
            return Stream.of(dynamicTest("the Node.js ws peer is installed",
                    () -> ExternalPeers.require("The Node.js ws peer", missing)));
        }

        PeerRun run;
        try (DemoServer server = DemoServer.start("127.0.0.1", 0)) {
            run = PeerRun.execute(List.of(node.get().toString(), "echo-peer.mjs", server.echoUri().toString()), NODE_DIR);
        }
        PeerReport report = PeerReport.parse(run.stdout());
        String context = "\n--- peer stderr ---\n" + run.stderr() + "--- peer's other output ---\n" + report.otherOutput();

        List<String> expected = expectedChecks();
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : expected) {
            tests.add(dynamicTest(name, () -> {
                PeerReport.Check check = report.checks().get(name);
                assertNotNull(check, "echo-peer.mjs did not report '" + name + "'" + context);
                assertTrue(check.ok(), name + " failed: " + check.detail());
            }));
        }
        tests.add(dynamicTest("echo-peer.mjs reports no check this test does not know", () -> {
            List<String> unknown = new ArrayList<>(report.checks().keySet());
            unknown.removeAll(expected);
            assertEquals(List.of(), unknown, "add them to expectedChecks()");
        }));
        tests.add(dynamicTest("echo-peer.mjs exits with status 0", () ->
                assertEquals(0, run.exitCode(), run.timedOut()
                        ? "echo-peer.mjs was killed after " + PEER_TIMEOUT_MINUTES + " minutes" + context
                        : "echo-peer.mjs exited with status " + run.exitCode() + context)));
        return tests.stream();
    }

    /** One finished run of a peer process: its output lines, stderr and exit status. */
    record PeerRun(List<String> stdout, String stderr, int exitCode, boolean timedOut) {

        static PeerRun execute(List<String> command, Path dir) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
            process.getOutputStream().close();
            List<String> stdout = Collections.synchronizedList(new ArrayList<>());
            StringBuilder stderr = new StringBuilder();
            Thread out = pump(process.getInputStream(), line -> stdout.add(line));
            Thread err = pump(process.getErrorStream(), line -> {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                }
            });
            boolean finished = process.waitFor(PEER_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            out.join();
            err.join();
            synchronized (stderr) {
                return new PeerRun(List.copyOf(stdout), stderr.toString(), process.exitValue(), !finished);
            }
        }

        private static Thread pump(InputStream stream, java.util.function.Consumer<String> lines) {
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
}
