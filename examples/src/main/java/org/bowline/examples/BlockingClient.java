package org.bowline.examples;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bowline.adapter.blocking.WebSockets;

/**
 * {@code blocking-client URL}: opens URL with the blocking model, sends {@code hello}, prints the
 * reply on a line of its own, closes with 1000 and exits 0.
 */
public final class BlockingClient implements Subcommand {

    @Override
    public String name() {
        return "blocking-client";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "Usage: java -jar bowline-examples.jar blocking-client ws://HOST:PORT/PATH",
                "  opens the URL with the blocking model and prints READY URL; sends hello, prints the",
                "  reply on a line of its own (binary as hex), closes with 1000 and exits 0; exits 1 if it",
                "  cannot connect or the connection ends first");
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        Options options = Options.parse(name(), arguments, Set.of());
        if (options.positional().size() != 1) {
            throw new UsageException(name() + " needs exactly one URL, e.g. blocking-client ws://127.0.0.1:8080/");
        }
        URI url;
        try {
            url = new URI(options.positional().get(0));
        } catch (java.net.URISyntaxException e) {
            throw new UsageException(name() + ": not a valid URL: " + e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new UsageException(name() + ": the URL must start with ws:// or wss://, was '" + url + "'");
        }
        WebSockets.open(url, org.bowline.adapter.blocking.Options.defaults(), ws -> {
            System.out.println("READY " + url);
            ws.send("hello");
            Object reply = ws.receive();
            System.out.println(reply instanceof byte[] data ? java.util.HexFormat.of().formatHex(data) : reply);
            System.out.flush();
        });
        return 0;
    }
}
