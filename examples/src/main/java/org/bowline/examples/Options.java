package org.bowline.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a {@link Subcommand}: {@code --name value} (or {@code --name=value}) options
 * from a fixed set, and positional arguments. {@code --host} defaults to 127.0.0.1 and
 * {@code --port} to 8080 (0 picks a free port).
 */
public final class Options {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    private final Map<String, String> values;
    private final List<String> positional;

    private Options(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    /**
     * @param allowed the option names accepted, with their dashes ({@code "--port"})
     * @throws UsageException naming an unknown or repeated option, or one without its value
     */
    public static Options parse(String command, List<String> arguments, Set<String> allowed) throws UsageException {
        Map<String, String> values = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                positional.add(argument);
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals > 0 ? argument.substring(0, equals) : argument;
            if (!allowed.contains(name)) {
                throw new UsageException(command + ": unknown option: " + name);
            }
            String value;
            if (equals > 0) {
                value = argument.substring(equals + 1);
            } else if (i + 1 < arguments.size()) {
                value = arguments.get(++i);
            } else {
                throw new UsageException(command + ": " + name + " needs a value");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException(command + ": " + name + " given twice");
            }
        }
        return new Options(values, List.copyOf(positional));
    }

    public String host() {
        return values.getOrDefault("--host", DEFAULT_HOST);
    }

    public int port() throws UsageException {
        return port("--port", DEFAULT_PORT);
    }

    /** A port option, 0 to 65535. */
    public int port(String name, int defaultPort) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a number from 0 to 65535, was '" + value + "'");
    }

    /** The option's value, or null when it was not given. */
    public String value(String name) {
        return values.get(name);
    }

    public List<String> positional() {
        return positional;
    }
}
