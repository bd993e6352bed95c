package org.bowline.examples;

import java.util.List;

/**
 * Parses {@code bowline-examples [SUBCOMMAND] [OPTIONS]}. The first argument names the
 * subcommand unless it is an option, in which case {@code serve} is meant; each subcommand
 * parses its own options, so new ones (an {@code echo-client URL}) slot in beside it.
 */
public final class CommandLine {

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar bowline-examples.jar [serve] [--host HOST] [--port PORT]",
            "       java -jar bowline-examples.jar --help",
            "",
            "serve (the default)  run the echo server at ws://HOST:PORT/echo until killed;",
            "                     prints READY ws://HOST:PORT once it accepts connections",
            "  --host HOST        address to bind (default " + Command.Serve.DEFAULT_HOST + ")",
            "  --port PORT        port to bind, 0-65535; 0 picks a free one (default "
                    + Command.Serve.DEFAULT_PORT + ")",
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
            case "help":
                if (!rest.isEmpty()) {
                    throw new UsageException("help takes no arguments, got " + rest.get(0));
                }
                return new Command.Help();
            default:
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
