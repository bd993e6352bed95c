package org.bowline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Drives the test WAR with Node.js's {@code ws} (src/test/node/app-peer.cjs), the pinned one that
 * {@code npm ci --prefix examples/src/test/node} installs. Without node or ws the check is skipped
 * with a warning saying what to install, or fails when {@code bowline.requirePeers} is true (CI).
 */
final class NodeWsChecks {

    static final List<String> CHECKS = List.of(
            "echo with permessage-deflate",
            "echo without extensions",
            "path template /rooms/{room}",
            "programmatic endpoint /reverse");

    private static final System.Logger LOG = System.getLogger(NodeWsChecks.class.getName());
    private static final long TIMEOUT_SECONDS = 120;

    private NodeWsChecks() {
    }

    static void run(URI app) throws IOException, InterruptedException {
        Path nodeModules = Settings.path("bowline.nodeModules");
        List<String> missing = new ArrayList<>();
        Optional<Path> node = onPath("node");
        if (node.isEmpty()) {
            missing.add("`node` is not on PATH (install Node.js 18 or later, e.g. `apt-get install -y nodejs npm`)");
        }
        if (!Files.isDirectory(nodeModules.resolve("ws"))) {
            missing.add("the npm package ws is not installed in " + nodeModules
                    + " (run `npm ci --prefix examples/src/test/node` from the repository root)");
        }
        if (!missing.isEmpty()) {
            String message = "The Node.js ws peer is not available: " + String.join("; ", missing);
            if (Boolean.getBoolean("bowline.requirePeers")) {
                fail(message + " (bowline.requirePeers=true, so a missing peer fails the build)");
            }
            LOG.log(System.Logger.Level.WARNING, "Skipped: {0}", message);
            Assumptions.abort(message);
        }

        Path script = Path.of(System.getProperty("basedir", ""), "src", "test", "node", "app-peer.cjs").toAbsolutePath();
        Process process = new ProcessBuilder(node.get().toString(), script.toString(), nodeModules.toString(), app.toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("app-peer.cjs still running after " + TIMEOUT_SECONDS + " s:\n" + output);
        }
        List<String> expected = CHECKS.stream().map(name -> "PASS " + name).toList();
        assertEquals(expected, output.lines().filter(line -> line.startsWith("PASS ") || line.startsWith("FAIL ")).toList(),
                "app-peer.cjs against " + app + ":\n" + output);
        assertEquals(0, process.exitValue(), "app-peer.cjs exit status:\n" + output);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
