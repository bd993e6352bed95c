package org.bowline.adapter.blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * How {@link WebSockets} connects or serves. Immutable; {@link #defaults()} then the
 * {@code with...} methods, each returning a new value.
 *
 * <ul>
 * <li>max message size (default 1 MiB): a longer text or binary message fails the connection with 1009;</li>
 * <li>max frame size (default 1 MiB): the largest frame accepted, checked when its header arrives
 *     (1009). Bowline never refuses a frame that fits the max message size, since a whole message in
 *     one frame is always legal, so this matters when it is set above the message size (fragments
 *     of a compressed message, say);</li>
 * <li>subprotocols: offered by a client in order of preference, supported by a server;</li>
 * <li>headers: extra request headers a client sends with its handshake;</li>
 * <li>open timeout (10 s): TCP connect plus handshake, for a client;</li>
 * <li>close timeout (5 s): how long a close waits for the peer's close frame;</li>
 * <li>idle timeout (none): a connection without traffic for that long is closed;</li>
 * <li>compression (on): permessage-deflate offered by a client, accepted by a server;</li>
 * <li>TLS: the {@link SSLContext} for wss (a server then serves wss only; a client without one
 *     uses the JVM's default for wss URLs).</li>
 * </ul>
 */
public final class Options {

    private static final long MIB = 1024 * 1024;
    private static final Options DEFAULTS = new Options(MIB, MIB, List.of(), Map.of(), Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ZERO, true, null);

    private final long maxMessageSize;
    private final long maxFrameSize;
    private final List<String> subprotocols;
    private final Map<String, String> headers;
    private final Duration openTimeout;
    private final Duration closeTimeout;
    private final Duration idleTimeout;
    private final boolean compression;
    private final SSLContext sslContext;

    private Options(long maxMessageSize, long maxFrameSize, List<String> subprotocols, Map<String, String> headers,
                    Duration openTimeout, Duration closeTimeout, Duration idleTimeout, boolean compression,
                    SSLContext sslContext) {
        this.maxMessageSize = maxMessageSize;
        this.maxFrameSize = maxFrameSize;
        this.subprotocols = subprotocols;
        this.headers = headers;
        this.openTimeout = openTimeout;
        this.closeTimeout = closeTimeout;
        this.idleTimeout = idleTimeout;
        this.compression = compression;
        this.sslContext = sslContext;
    }

    public static Options defaults() {
        return DEFAULTS;
    }

    /** Bytes; also raises the frame size to match when that was lower. */
    public Options withMaxMessageSize(long bytes) {
        positive(bytes, "max message size");
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max message size must be at most " + Integer.MAX_VALUE + " bytes, was " + bytes);
        }
        return new Options(bytes, Math.max(bytes, maxFrameSize), subprotocols, headers, openTimeout, closeTimeout,
                idleTimeout, compression, sslContext);
    }

    public Options withMaxFrameSize(long bytes) {
        positive(bytes, "max frame size");
        return new Options(maxMessageSize, bytes, subprotocols, headers, openTimeout, closeTimeout, idleTimeout,
                compression, sslContext);
    }

    public Options withSubprotocols(String... names) {
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a subprotocol name must not be blank");
            }
        }
        return new Options(maxMessageSize, maxFrameSize, List.of(names), headers, openTimeout, closeTimeout,
                idleTimeout, compression, sslContext);
    }

    /** Adds one request header (a client's handshake); the same name again replaces it. */
    public Options withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Options(maxMessageSize, maxFrameSize, subprotocols, Map.copyOf(copy), openTimeout, closeTimeout,
                idleTimeout, compression, sslContext);
    }

    public Options withOpenTimeout(Duration timeout) {
        return new Options(maxMessageSize, maxFrameSize, subprotocols, headers, positive(timeout, "open timeout"),
                closeTimeout, idleTimeout, compression, sslContext);
    }

    public Options withCloseTimeout(Duration timeout) {
        return new Options(maxMessageSize, maxFrameSize, subprotocols, headers, openTimeout,
                positive(timeout, "close timeout"), idleTimeout, compression, sslContext);
    }

    /** {@link Duration#ZERO} turns it off. */
    public Options withIdleTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "idle timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must not be negative, was " + timeout);
        }
        return new Options(maxMessageSize, maxFrameSize, subprotocols, headers, openTimeout, closeTimeout, timeout,
                compression, sslContext);
    }

    public Options withCompression(boolean on) {
        return new Options(maxMessageSize, maxFrameSize, subprotocols, headers, openTimeout, closeTimeout,
                idleTimeout, on, sslContext);
    }

    /** TLS: wss for a server; for a client, the context wss URLs are opened with. */
    public Options withTls(SSLContext context) {
        return new Options(maxMessageSize, maxFrameSize, subprotocols, headers, openTimeout, closeTimeout,
                idleTimeout, compression, Objects.requireNonNull(context, "context"));
    }

    public long maxMessageSize() {
        return maxMessageSize;
    }

    public long maxFrameSize() {
        return maxFrameSize;
    }

    public List<String> subprotocols() {
        return subprotocols;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Duration openTimeout() {
        return openTimeout;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public boolean compression() {
        return compression;
    }

    /** Null when none was given. */
    public SSLContext tls() {
        return sslContext;
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("maxMessageSize=" + maxMessageSize);
        parts.add("maxFrameSize=" + maxFrameSize);
        parts.add("subprotocols=" + subprotocols);
        parts.add("headers=" + headers.keySet());
        parts.add("openTimeout=" + openTimeout);
        parts.add("closeTimeout=" + closeTimeout);
        parts.add("idleTimeout=" + idleTimeout);
        parts.add("compression=" + compression);
        parts.add("tls=" + (sslContext != null));
        return "Options" + parts;
    }
}
