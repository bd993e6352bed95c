package org.bowline.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** CPU pinning with taskset: the load generator on CPU 0, the server on the others; none when impossible. */
record Pinning(boolean enabled, int cpus) {

    static final Pinning NONE = new Pinning(false, Runtime.getRuntime().availableProcessors());

    static Pinning detect() {
        int cpus = Runtime.getRuntime().availableProcessors();
        boolean taskset = Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
        return new Pinning(taskset && cpus >= 2, cpus);
    }

    /** The CPU list handed to taskset for a server, or null for no pinning. */
    String serverCpus() {
        return enabled ? (cpus == 2 ? "1" : "1-" + (cpus - 1)) : null;
    }

    /** Pins every thread of this JVM (and so the threads it starts later) to CPU 0. */
    void pinSelf(PrintStream log) throws IOException, InterruptedException {
        if (!enabled) {
            log.println("not pinning to CPUs (needs taskset and 2 CPUs): server and load generator share the machine");
            return;
        }
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", "0", Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("taskset could not pin the load generator to CPU 0");
        }
    }

    String describe() {
        return enabled ? "load generator pinned to CPU 0, server to CPU " + serverCpus() + " (taskset)"
                : "no CPU pinning";
    }
}
