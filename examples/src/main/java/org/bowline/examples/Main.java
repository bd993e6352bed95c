package org.bowline.examples;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;

/**
 * {@code java -jar bowline-examples.jar [serve] [--host HOST] [--port PORT]}: runs the demo
 * server and prints {@code READY ws://HOST:PORT} on standard output once it accepts
 * connections. {@code java -jar bowline-examples.jar echo-client URL}: runs {@link EchoClient}
 * against URL and prints {@code CLOSED CODE [REASON]} once the connection has ended.
 * Exit status 2 means a usage error, 1 that the server could not start or the client could not
 * connect.
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
            for (Subcommand plugged : Subcommands.all()) {
                System.out.println();
                System.out.println(plugged.usage());
            }
        } else if (command instanceof Command.Plugged plugged) {
            System.exit(runPlugged(plugged));
        } else if (command instanceof Command.Serve serve) {
            serve(serve);
        } else if (command instanceof Command.EchoClient client) {
            System.exit(echoClient(client.url()));
        }
    }

    private static int runPlugged(Command.Plugged plugged) {
        try {
            return plugged.subcommand().run(plugged.arguments());
        } catch (UsageException e) {
            System.err.println("bowline-examples: " + e.getMessage());
            System.err.println(plugged.subcommand().usage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            System.err.println("bowline-examples: " + plugged.subcommand().name() + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    /** @return the exit status: 0 however the connection ended, once it was open */
    private static int echoClient(URI url) {
        CloseReason closed;
        try {
            closed = EchoClient.run(url);
        } catch (IOException | DeploymentException e) {
            System.err.println("bowline-examples: echo-client cannot connect to " + url + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
        String reason = closed.getReasonPhrase();
        System.out.println("CLOSED " + closed.getCloseCode().getCode() + (reason == null || reason.isEmpty() ? "" : " " + reason));
        System.out.flush();
        return 0;
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
