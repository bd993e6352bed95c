package org.bowline.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@link TopicNode} in a JVM of its own, for the cross-node tests. */
final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private URI base;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the JVM; {@link #awaitReady} waits for it to accept connections. */
    static NodeProcess launch(String redisUri) throws IOException {
        Path log = Files.createTempFile("bowline-node-", ".log");
        Process process = new ProcessBuilder(TopicNode.javaCommand(redisUri))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new NodeProcess(process, log);
    }

    NodeProcess awaitReady() throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            throw new IOException("The node did not print READY but " + line + "; its log: " + Files.readString(log));
        }
        base = URI.create(line.substring("READY ".length()));
        return this;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** The node's counters and the topic's local subscriber count, by name. */
    Map<String, String> stats(String topic) throws Exception {
        try (TestClient client = TestClient.connect(uri("/stats"))) {
            client.send(topic);
            Map<String, String> values = new HashMap<>();
            for (String pair : client.next().split(" ")) {
                int equals = pair.indexOf('=');
                values.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            return values;
        }
    }

    /** Kills the JVM as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.getOutputStream().close(); // the node stops when its standard input ends
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
        Files.deleteIfExists(log);
    }
}
