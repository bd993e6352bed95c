package org.bowline.benchmarks.load;

import java.io.PrintStream;
import java.util.List;

/**
 * Untimed load a fresh server JVM gets before its first scenario: the echo of every configured size over
 * 16 connections, the time shared between the sizes. A scenario's own warm-up (seconds) is too short for
 * the JIT of a JVM that has served nothing yet, with its compiler threads on the server's one CPU: the
 * first rows would measure compilation, and the more code a stack runs per message, the longer (a bridge
 * on a host server more than the host's own endpoint). Every implementation gets the same.
 */
final class ServerWarmup {

    static final int CONNECTIONS = 16;

    private ServerWarmup() {
    }

    static void run(ServerProcess server, Settings settings, PrintStream log) throws Exception {
        List<Integer> sizes = settings.echoSizes();
        if (settings.serverWarmupMillis() == 0 || sizes.isEmpty()) {
            return;
        }
        long slice = Math.max(1, settings.serverWarmupMillis() / sizes.size());
        Settings untimed = settings.withTiming(0, slice);
        for (int size : sizes) {
            new Scenarios.Echo(size, CONNECTIONS).run(server, untimed);
        }
        log.printf("  %-45s %.1f s%n", "(server warm-up, untimed: echo over " + CONNECTIONS + " conns)",
                settings.serverWarmupMillis() / 1e3);
    }
}
