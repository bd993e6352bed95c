package org.bowline.examples;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code bowline-examples [SUBCOMMAND] [OPTIONS]}. The first argument names the
 * subcommand unless it is an option, in which case {@code serve} is meant; each subcommand
 * parses its own options.
 */
public final class CommandLine {

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar bowline-examples.jar [serve] [--host HOST] [--port PORT]",
            "       java -jar bowline-examples.jar echo-client ws://HOST:PORT/PATH",
            "       java -jar bowline-examples.jar --help",
            "",
            "serve (the default)  run the echo server at ws://HOST:PORT/echo until killed;",
            "                     prints READY ws://HOST:PORT once it accepts connections",
            "  --host HOST        address to bind (default " + Command.Serve.DEFAULT_HOST + ")",
            "  --port PORT        port to bind, 0-65535; 0 picks a free one (default "
                    + Command.Serve.DEFAULT_PORT + ")",
            "",
            "echo-client URL      connect to URL (ws:// or wss://) offering permessage-deflate and echo",
            "                     every message (text as text, binary as binary, up to 64 MiB) until",
            "                     the connection ends; then print CLOSED CODE [REASON] and exit 0,",
            "                     whoever ended it; exit 1 if it cannot connect",
            "");

    private CommandLine() {
    }

    public static Command parse(String... args) throws UsageException {
        List<String> list = List.of(args);
        if (list.isEmpty() || list.get(0).startsWith("-")) {
            if (list.size() == 1 && (list.get(0).equals("--help") || list.get(0).equals("-h"))) {
                return new Command.Help();
            }
            return parseServe(list);
        }
        String subcommand = list.get(0);
        List<String> rest = list.subList(1, list.size());
        switch (subcommand) {
            case "serve":
                return parseServe(rest);
            case "echo-client":
                return parseEchoClient(rest);
            case "help":
                if (!rest.isEmpty()) {
                    throw new UsageException("help takes no arguments, got " + rest.get(0));
                }
                return new Command.Help();
            default:
                for (Subcommand plugged : Subcommands.all()) {
                    if (plugged.name().equals(subcommand)) {
                        return new Command.Plugged(plugged, List.copyOf(rest));
                    }
                }
                throw new UsageException("unknown subcommand: " + subcommand);
        }
    }

    private static Command.Serve parseServe(List<String> options) throws UsageException {
        String host = null;
        Integer port = null;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String name = option;
            String value = null;
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                name = option.substring(0, equals);
                value = option.substring(equals + 1);
            }
            switch (name) {
                case "--host":
                    if (host != null) {
                        throw new UsageException("--host given twice");
                    }
                    if (value == null) {
                        value = valueAfter(options, i++, name);
                    }
                    if (value.isBlank()) {
                        throw new UsageException("--host needs a host name or address");
                    }
                    host = value;
                    break;
                case "--port":
                    if (port != null) {
                        throw new UsageException("--port given twice");
                    }
                    if (value == null) {
                        value = valueAfter(options, i++, name);
                    }
                    port = port(value);
                    break;
                default:
                    throw new UsageException(option.startsWith("-")
                            ? "unknown option: " + option
                            : "unexpected argument: " + option);
            }
        }
        return new Command.Serve(host == null ? Command.Serve.DEFAULT_HOST : host,
                port == null ? Command.Serve.DEFAULT_PORT : port);
    }

    private static Command.EchoClient parseEchoClient(List<String> arguments) throws UsageException {
        if (arguments.isEmpty()) {
            throw new UsageException("echo-client needs a URL, e.g. echo-client ws://127.0.0.1:9001/");
        }
        String text = arguments.get(0);
        if (text.startsWith("-")) {
            throw new UsageException("unknown option: " + text);
        }
        if (arguments.size() > 1) {
            String extra = arguments.get(1);
            throw new UsageException(extra.startsWith("-") ? "unknown option: " + extra : "unexpected argument: " + extra);
        }
        return new Command.EchoClient(webSocketUrl(text));
    }

    /** RFC 6455 section 3: ws or wss, a host, an optional port, no fragment. */
    private static URI webSocketUrl(String text) throws UsageException {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("echo-client URL is not a valid URI: " + e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new UsageException("echo-client URL must start with ws:// or wss://, was '" + text + "'");
        }
        if (url.getHost() == null) {
            throw new UsageException("echo-client URL has no host: '" + text + "'");
        }
        if (url.getPort() == 0 || url.getPort() > 65535) {
            throw new UsageException("echo-client URL port must be from 1 to 65535, was " + url.getPort());
        }
        if (url.getRawFragment() != null) {
            throw new UsageException("echo-client URL must not have a fragment (#...): '" + text + "'");
        }
        return url;
    }

    private static String valueAfter(List<String> options, int index, String name) throws UsageException {
        if (index + 1 >= options.size()) {
            throw new UsageException(name + " needs a value");
        }
        return options.get(index + 1);
    }

    private static int port(String value) throws UsageException {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number from 0 to 65535, was '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be a number from 0 to 65535, was " + port);
        }
        return port;
    }
}
