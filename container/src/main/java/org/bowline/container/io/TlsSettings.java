package org.bowline.container.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Which TLS protocol versions and cipher suites an {@link SSLEngine} may use, for both the server and
 * the client. By default TLS 1.3 and 1.2 only (whichever of the two the context supports) and the JDK's
 * default cipher suites: the JDK's own default may be wider (a provider or a {@code java.security}
 * that still enables TLS 1.0/1.1), and a WebSocket server has no client that needs them.
 *
 * <p>Immutable; names are the JSSE standard names ({@code TLSv1.3}, {@code TLS_AES_128_GCM_SHA256}).
 * A name the context does not support is refused with {@link IllegalArgumentException} when applied,
 * rather than silently dropped: a typo must not widen or empty the set unnoticed.
 */
public final class TlsSettings {

    /** The protocols enabled unless configured otherwise, in preference order. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final TlsSettings DEFAULTS = new TlsSettings(null, null);

    private final List<String> protocols;
    private final List<String> cipherSuites;

    private TlsSettings(List<String> protocols, List<String> cipherSuites) {
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    /** TLS 1.3 and 1.2, the JDK's default cipher suites. */
    public static TlsSettings defaults() {
        return DEFAULTS;
    }

    /** These protocol versions exactly (each must be supported by the context). */
    public TlsSettings withProtocols(String... names) {
        return new TlsSettings(names("protocol", Arrays.asList(names)), cipherSuites);
    }

    /** These cipher suites exactly (each must be supported by the context); by default the JDK's. */
    public TlsSettings withCipherSuites(String... names) {
        return new TlsSettings(protocols, names("cipher suite", Arrays.asList(names)));
    }

    /**
     * Settings from text or lists, as configuration files and user properties give them: each of
     * {@code protocols} and {@code cipherSuites} may be null (the default), a comma-separated string,
     * a {@code String[]} or a collection of strings.
     */
    public static TlsSettings of(Object protocols, Object cipherSuites) {
        return new TlsSettings(protocols == null ? null : names("protocol", split(protocols)),
                cipherSuites == null ? null : names("cipher suite", split(cipherSuites)));
    }

    /**
     * These settings with the protocols and/or cipher suites replaced where {@code protocols} or
     * {@code cipherSuites} is non-null (given as {@link #of(Object, Object)} takes them).
     */
    public TlsSettings overriddenBy(Object protocols, Object cipherSuites) {
        return new TlsSettings(protocols == null ? this.protocols : names("protocol", split(protocols)),
                cipherSuites == null ? this.cipherSuites : names("cipher suite", split(cipherSuites)));
    }

    /** The configured protocols, or {@link #DEFAULT_PROTOCOLS}. */
    public List<String> protocols() {
        return protocols == null ? DEFAULT_PROTOCOLS : protocols;
    }

    /** The configured cipher suites; empty means the JDK's defaults. */
    public List<String> cipherSuites() {
        return cipherSuites == null ? List.of() : cipherSuites;
    }

    /**
     * Restricts {@code engine} to these settings and returns it. Set client or server mode first or after;
     * this changes only the enabled protocols and cipher suites.
     *
     * @throws IllegalArgumentException naming the unsupported protocol or suite, or when none of the
     *                                  default protocols is supported
     */
    public SSLEngine applyTo(SSLEngine engine) {
        Set<String> supported = Set.of(engine.getSupportedProtocols());
        List<String> chosen = new ArrayList<>();
        for (String p : protocols()) {
            if (supported.contains(p)) {
                chosen.add(p);
            } else if (protocols != null) {
                throw new IllegalArgumentException("TLS protocol " + p + " is not supported by this SSLContext"
                        + " (supported: " + String.join(", ", engine.getSupportedProtocols()) + ")");
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("This SSLContext supports none of " + DEFAULT_PROTOCOLS
                    + " (supported: " + String.join(", ", engine.getSupportedProtocols()) + ")");
        }
        engine.setEnabledProtocols(chosen.toArray(String[]::new));
        if (cipherSuites != null) {
            Set<String> suites = Set.of(engine.getSupportedCipherSuites());
            for (String s : cipherSuites) {
                if (!suites.contains(s)) {
                    throw new IllegalArgumentException("TLS cipher suite " + s + " is not supported by this SSLContext");
                }
            }
            engine.setEnabledCipherSuites(cipherSuites.toArray(String[]::new));
        }
        return engine;
    }

    /** Checks these settings against {@code context} now, so that a bad name fails at configuration time. */
    public TlsSettings check(SSLContext context) {
        applyTo(context.createSSLEngine());
        return this;
    }

    @Override
    public String toString() {
        return "TlsSettings[protocols=" + protocols() + ", cipherSuites="
                + (cipherSuites == null ? "JDK defaults" : cipherSuites) + "]";
    }

    private static List<String> split(Object value) {
        if (value instanceof String s) {
            return Arrays.stream(s.split(",")).map(String::trim).toList();
        }
        if (value instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(o -> o == null ? null : o.toString()).toList();
        }
        throw new IllegalArgumentException("TLS protocols and cipher suites are a comma-separated String, a String[]"
                + " or a collection of strings, not a " + value.getClass().getName());
    }

    private static List<String> names(String what, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("At least one TLS " + what + " is needed");
        }
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("A TLS " + what + " name must not be blank: " + names);
            }
        }
        return List.copyOf(names);
    }
}
