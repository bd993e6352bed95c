package org.bowline.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package), started by a test on a free loopback port, with
 * nothing saved to disk. Without one the test is skipped with a warning, or fails when
 * {@code bowline.requirePeers} is true (as in CI).
 */
final class RedisServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisServer.class.getName());

    private final Path executable;
    private final int port;
    private final Path log;
    private Process process;

    private RedisServer(Path executable, int port, Path log) {
        this.executable = executable;
        this.port = port;
        this.log = log;
    }

    /** Starts one, or skips (fails under requirePeers) the calling test if there is no redis-server. */
    static RedisServer startOrSkip() throws IOException, InterruptedException {
        Optional<Path> executable = find();
        if (executable.isEmpty()) {
            String message = "redis-server is not installed (Debian: apt-get install redis-server)";
            if (Boolean.getBoolean("bowline.requirePeers")) {
                fail(message + " (bowline.requirePeers=true, so a missing peer fails the build)");
            }
            LOG.log(System.Logger.Level.WARNING, "Skipped: {0}", message);
            Assumptions.abort(message);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("bowline-redis-" + port + "-", ".log");
        RedisServer server = new RedisServer(executable.get(), port, log);
        server.start();
        return server;
    }

    private static Optional<Path> find() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server"))) {
                return Optional.of(Path.of(dir, "redis-server"));
            }
        }
        for (String known : List.of("/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(known))) {
                return Optional.of(Path.of(known));
            }
        }
        return Optional.empty();
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Starts it (again, on the same port) and returns once it answers PING. */
    synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is already running on port " + port);
        }
        process = new ProcessBuilder(executable.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answersPing()) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + " on port " + port
                        + "; its log: " + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("redis-server did not answer PING on port " + port + " within 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** Kills it (as a crash or a network cut would look to the nodes) and waits until it is gone. */
    synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Sends one command and returns the raw reply (enough for PING and PUBSUB NUMSUB). */
    String command(String... words) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
    }

    /** How many connections are subscribed to the channel, by {@code PUBSUB NUMSUB}. */
    int subscribers(String channel) throws IOException {
        String reply = command("PUBSUB", "NUMSUB", channel);
        // *2 $len channel :count
        int colon = reply.lastIndexOf(':');
        return Integer.parseInt(reply.substring(colon + 1).trim());
    }

    private boolean answersPing() {
        try {
            return command("PING").startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file; the OS cleans up
        }
    }
}
