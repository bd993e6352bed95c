package org.bowline.benchmarks.servers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The server JVM of the load benchmark: {@code ServerMain LAUNCHER_CLASS HOST PORT}. Starts the
 * launcher, prints {@code READY}, then answers the driver's commands on stdin, one per line:
 * {@code heap} (full GC, then {@code HEAP <live bytes>}) and {@code stop}. Ends when stdin ends,
 * so a driver that dies takes its server with it.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ServerMain LAUNCHER_CLASS HOST PORT");
            System.exit(2);
        }
        BenchServer server = (BenchServer) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        server.start(args[1], Integer.parseInt(args[2]));
        System.out.println("READY");
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line; (line = commands.readLine()) != null; ) {
            switch (line.trim()) {
                case "heap" -> {
                    System.out.println("HEAP " + liveHeapBytes());
                    System.out.flush();
                }
                case "stop" -> {
                    stopQuietly(server);
                    System.exit(0);
                }
                default -> System.err.println("unknown command: " + line);
            }
        }
        stopQuietly(server);
        System.exit(0);
    }

    /** Heap in use after full collections: what the live objects hold. */
    static long liveHeapBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void stopQuietly(BenchServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("stopping: " + e);
        }
    }
}
