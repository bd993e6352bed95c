package org.bowline.examples;

import java.net.URI;

/** What one run of {@code bowline-examples} was asked to do, as parsed by {@link CommandLine}. */
public sealed interface Command permits Command.Serve, Command.EchoClient, Command.Help, Command.Plugged {

    /** Run the demo server on {@code host:port} until killed; port 0 picks a free port. */
    record Serve(String host, int port) implements Command {
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 8080;
    }

    /** Connect to {@code url} (ws or wss) and echo what the server sends until the connection ends. */
    record EchoClient(URI url) implements Command {
    }

    /** Run a {@link Subcommand} found through the service loader with the arguments after its name. */
    record Plugged(Subcommand subcommand, java.util.List<String> arguments) implements Command {
    }

    /** Print the usage on standard output. */
    record Help() implements Command {
    }
}
