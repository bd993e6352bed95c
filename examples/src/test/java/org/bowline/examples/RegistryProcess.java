package org.bowline.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bowline-examples registry ...} running in its own JVM, its standard output and error read
 * line by line as they come.
 */
final class RegistryProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("READY (ws://127\\.0\\.0\\.1:(\\d+)/websockets/v4/service/my-endpoint)");

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
    final String url;
    final int port;

    RegistryProcess(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "registry"));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout::add);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), stderr::add);
        String first = nextLine(60);
        Matcher ready = READY.matcher(first);
        if (!ready.matches()) {
            close();
            throw new AssertionError("first line: " + first + "; stderr: " + stderr);
        }
        url = ready.group(1);
        port = Integer.parseInt(ready.group(2));
    }

    private static void pump(BufferedReader reader, java.util.function.Consumer<String> sink) {
        Thread pump = new Thread(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "registry-process-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** The next line on standard output, failing after {@code seconds}. */
    String nextLine(int seconds) throws InterruptedException {
        String line = stdout.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no line on standard output within " + seconds + " s; stderr: " + stderr);
        }
        return line;
    }

    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("registry did not stop on SIGTERM");
        }
    }
}
