package org.bowline.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started the way its README step says ({@code catalina.sh run}, {@code java -jar start.jar}),
 * as a process of its own whose output goes to a log file. Stopped with SIGTERM, as Ctrl-C would.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern THREAD_LINE = Pattern.compile("^\"(.*)\" #\\d+", Pattern.MULTILINE);

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Runs {@code command} (one line of a README block) with bash in {@code dir}. */
    static ServerProcess start(String command, Path dir, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", "exec " + command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        return new ServerProcess(process, log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path logFile() {
        return log;
    }

    /** Polls until {@code condition} holds; fails, with the server's log, if it does not within {@code timeout}. */
    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("The server exited (status " + process.exitValue() + ") while waiting for "
                        + what + "\n--- server log ---\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout.toSeconds() + " s: " + what + "\n--- server log ---\n" + log());
            }
            Thread.sleep(100);
        }
    }

    /** The names of the server JVM's live threads, from {@code jcmd PID Thread.print}. */
    List<String> threadNames() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(serverPid()), "Thread.print")
                .redirectErrorStream(true).start();
        dump.getOutputStream().close();
        String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            throw new AssertionError("jcmd Thread.print failed:\n" + output);
        }
        List<String> names = new ArrayList<>();
        Matcher matcher = THREAD_LINE.matcher(output);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        if (names.isEmpty()) {
            throw new AssertionError("jcmd Thread.print listed no thread:\n" + output);
        }
        return names;
    }

    /** The JVM that serves: the started process, or the JVM it forked (start.jar does for some modules). */
    private long serverPid() {
        return process.toHandle().descendants()
                .filter(handle -> handle.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .reduce((first, last) -> last)
                .orElse(process.pid());
    }

    /** SIGTERM (as Ctrl-C in a terminal), then waits for the server to finish its shutdown. */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("The server did not stop within " + STOP_TIMEOUT.toSeconds()
                    + " s of SIGTERM\n--- server log ---\n" + log());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
