package org.bowline.container.extension;

import java.util.List;
import java.util.Objects;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header: an extension name and its
 * parameters in the order they were written. Used both for a client's offer and for a
 * server's response.
 *
 * <p>Names are compared case-insensitively by {@link #parameter} and {@link #hasParameter},
 * because peers are not consistent about case and a mismatch should decline, not corrupt.
 */
public record ExtensionOffer(String name, List<Parameter> parameters) {

    /** One extension parameter; {@code value} is {@code null} when the parameter has none. */
    public record Parameter(String name, String value) {
        public Parameter {
            Objects.requireNonNull(name, "name");
        }

        /** A parameter without a value, such as {@code server_no_context_takeover}. */
        public static Parameter flag(String name) {
            return new Parameter(name, null);
        }
    }

    public ExtensionOffer {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }

    /** An offer or response without parameters. */
    public ExtensionOffer(String name) {
        this(name, List.of());
    }

    /**
     * The header element, e.g.
     * {@code permessage-deflate; server_no_context_takeover; client_max_window_bits=10}.
     * Values that are not tokens are written as quoted strings.
     */
    public String toHeaderValue() {
        StringBuilder out = new StringBuilder(name);
        for (Parameter p : parameters) {
            out.append("; ").append(p.name());
            if (p.value() != null) {
                out.append('=');
                HeaderSyntax.appendTokenOrQuoted(out, p.value());
            }
        }
        return out.toString();
    }

    /**
     * The value of the first parameter with this name, or {@code null} when it is absent or has
     * no value; use {@link #hasParameter} to tell those apart.
     */
    public String parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    /** Whether a parameter with this name is present (with or without a value). */
    public boolean hasParameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }
}
