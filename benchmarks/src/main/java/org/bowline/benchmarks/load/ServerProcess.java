package org.bowline.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One implementation's server JVM ({@code ServerMain}), pinned to its CPU list when taskset is
 * available; its stderr goes to a log file. Speaks ServerMain's stdin protocol: READY, heap, stop.
 */
final class ServerProcess implements AutoCloseable {

    /** Put in {@link #lines} when the server's stdout ends (compared by identity): no reply can come after it. */
    private static final String ENDED = new String("(the server's output ended)");

    private final Implementation implementation;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    final InetSocketAddress address;

    private ServerProcess(Implementation implementation, Process process, Path log, InetSocketAddress address) {
        this.implementation = implementation;
        this.process = process;
        this.log = log;
        this.address = address;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
            lines.add(ENDED);
        }, "server-stdout-" + implementation.id);
        reader.setDaemon(true);
        reader.start();
    }

    static ServerProcess start(Implementation implementation, Layout layout, List<String> jvmOptions, String cpus)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(layout.classPath(implementation));
        command.add("org.bowline.benchmarks.servers.ServerMain");
        command.add(implementation.launcher);
        command.add("127.0.0.1");
        command.add(Integer.toString(port));
        Files.createDirectories(layout.logs());
        Path log = layout.logs().resolve(implementation.id + ".log");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServerProcess server = new ServerProcess(implementation, process, log,
                new InetSocketAddress("127.0.0.1", port));
        String ready = server.nextReply(90);
        if (!"READY".equals(ready)) {
            server.close();
            throw new IOException(implementation.id + " did not start (got " + ready + ")" + server.exitStatus()
                    + "; see " + log + lastLines(log));
        }
        return server;
    }

    /**
     * The server's next line within {@code seconds}, or null, at once if its output has ended (a JVM that refused
     * its options). Lines the JVM or an agent prints (JFR's "[...] Started recording", async-profiler's "Profiling
     * started", also when attached mid-run) are skipped.
     */
    private String nextReply(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String line;
        do {
            line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (line != null && line != ENDED && (line.startsWith("[") || line.startsWith("Profiling")));
        if (line == ENDED) {
            lines.add(ENDED);   // for any later call too
            return null;
        }
        return line;
    }

    /** ", exit status N" when the process has ended ({@link #close()} has waited for it), else empty. */
    private String exitStatus() {
        return process.isAlive() ? "" : ", exit status " + process.exitValue();
    }

    /** The log's last lines, indented on lines of their own, or nothing when it is empty or unreadable. */
    private static String lastLines(Path log) {
        try {
            List<String> all = Files.readAllLines(log);
            List<String> tail = all.subList(Math.max(0, all.size() - 5), all.size());
            return tail.isEmpty() ? "" : System.lineSeparator() + "    " + String.join(System.lineSeparator() + "    ", tail);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The server's heap in use after full collections. */
    long liveHeapBytes() throws IOException, InterruptedException {
        commands.write("heap\n");
        commands.flush();
        String line = nextReply(60);
        if (line == null || !line.startsWith("HEAP ")) {
            throw new IOException(implementation.id + " did not report its heap (got " + line + "); see " + log);
        }
        return Long.parseLong(line.substring(5).trim());
    }

    /** Resident set size of the server process, from /proc (Linux); -1 elsewhere. */
    long rssBytes() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.write("stop\n");
            commands.flush();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
