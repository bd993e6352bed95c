package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bowline.examples.Main;

/**
 * A scenario as a user starts it: {@code bowline-examples <scenario> ...} in a JVM of its own (the
 * examples' class path, Main as the jar's entry point), its standard output read line by line.
 */
final class ScenarioProcess implements AutoCloseable {

    static final long WAIT_SECONDS = 30;
    private static final String EOF = "\u0000end of output";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread reader;
    private final Thread errors;

    private ScenarioProcess(Process process) {
        this.process = process;
        reader = new Thread(() -> pump(process.getInputStream(), true), "scenario-stdout");
        reader.setDaemon(true);
        reader.start();
        errors = new Thread(() -> pump(process.getErrorStream(), false), "scenario-stderr");
        errors.setDaemon(true);
        errors.start();
    }

    private void pump(java.io.InputStream stream, boolean out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (out) {
                    lines.add(line);
                } else {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        if (out) {
            lines.add(EOF);
        }
    }

    static ScenarioProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return new ScenarioProcess(process);
    }

    /** Waits for the {@code READY <url>} line and returns the URL. */
    URI awaitReady() throws InterruptedException {
        String line = awaitLineStartingWith("READY ");
        return URI.create(line.substring("READY ".length()));
    }

    /** Waits for a line that starts with {@code prefix}; lines before it are kept in {@link #seen()}. */
    String awaitLineStartingWith(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(line, "no line starting with '" + prefix + "' in " + WAIT_SECONDS + " s; output so far: "
                    + seen + "; stderr: " + stderr());
            assertTrue(!line.equals(EOF), "the scenario ended before printing '" + prefix + "'; output: " + seen
                    + "; stderr: " + stderr());
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits for exactly this line. */
    void awaitLine(String expected) throws InterruptedException {
        String line = awaitLineStartingWith(expected);
        assertTrue(line.equals(expected), "expected the line '" + expected + "', got '" + line + "'");
    }

    List<String> seen() {
        return seen;
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /** Sends SIGTERM, as Ctrl-C or a service manager would, and waits for the process to end. */
    int stop() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the scenario did not stop on SIGTERM");
        drainOutput();
        return process.exitValue();
    }

    int awaitExit() throws InterruptedException {
        assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the scenario did not exit");
        drainOutput();
        return process.exitValue();
    }

    /**
     * The process has ended, but its last lines may still be on their way through the pipes: wait
     * for both readers to reach end of file, so {@link #stderr()} and the lines are complete.
     */
    private void drainOutput() throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        errors.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
