package org.bowline.examples;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import jakarta.websocket.DeploymentException;

/**
 * {@code java -jar bowline-examples.jar [serve] [--host HOST] [--port PORT]}: runs the demo
 * server and prints {@code READY ws://HOST:PORT} on standard output once it accepts
 * connections. Exit status 2 means a usage error, 1 that the server could not start.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Command command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            System.err.println("bowline-examples: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (command instanceof Command.Help) {
            System.out.print(CommandLine.USAGE);
        } else if (command instanceof Command.Serve serve) {
            serve(serve);
        }
    }

    private static void serve(Command.Serve serve) throws InterruptedException {
        DemoServer server;
        try {
            server = DemoServer.start(serve.host(), serve.port());
        } catch (IOException | DeploymentException e) {
            System.err.println("bowline-examples: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "bowline-examples-shutdown"));
        // Scripts and tests wait for this exact line before connecting.
        System.out.println("READY " + server.url());
        System.out.flush();
        stopped.await();
    }
}
