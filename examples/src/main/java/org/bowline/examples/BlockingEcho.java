package org.bowline.examples;

import java.util.List;
import java.util.Set;

import org.bowline.adapter.blocking.BlockingServer;
import org.bowline.adapter.blocking.WebSockets;

/**
 * {@code blocking-echo [--host HOST] [--port PORT]}: the blocking model's echo server at
 * {@code ws://HOST:PORT/}, one handler per connection written as {@code for (var msg : ws) ws.send(msg)}.
 */
public final class BlockingEcho implements Subcommand {

    private static final long MIB = 1024 * 1024;

    @Override
    public String name() {
        return "blocking-echo";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "Usage: java -jar bowline-examples.jar blocking-echo [--host HOST] [--port PORT]",
                "  the blocking model's echo server at ws://HOST:PORT/ (messages up to 64 MiB),",
                "  each connection's handler being: for (var msg : ws) ws.send(msg)",
                "  prints READY ws://HOST:PORT/ once it accepts connections; runs until killed");
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        Options options = Options.parse(name(), arguments, Set.of("--host", "--port"));
        if (!options.positional().isEmpty()) {
            throw new UsageException(name() + ": unexpected argument: " + options.positional().get(0));
        }
        BlockingServer server = WebSockets.serve(options.host(), options.port(),
                org.bowline.adapter.blocking.Options.defaults().withMaxMessageSize(64 * MIB),
                ws -> {
                    for (var msg : ws) {
                        ws.send(msg);
                    }
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.forceClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "blocking-echo-shutdown"));
        System.out.println("READY " + server.url());
        System.out.flush();
        server.awaitClosed();
        return 0;
    }
}
