package org.bowline.adapter.blocking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.bowline.container.session.SessionLimits;

/**
 * How {@link WebSockets} connects or serves. Immutable; {@link #defaults()} then the
 * {@code with...} methods, each returning a new value.
 *
 * <ul>
 * <li>max message size (default 1 MiB): a longer text or binary message fails the connection with 1009;</li>
 * <li>max frame size (default: the max message size): the largest frame accepted, checked when its
 *     header arrives (1009). Set below the message size, a longer message must come in several
 *     frames; set above, it admits the frames of a compressed message that inflates to the limit;</li>
 * <li>max fragments per message (default 2^20): the most frames one message may come in; one more
 *     fails the connection with 1009 (a peer could otherwise keep one message going for ever with
 *     empty frames);</li>
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
    /** {@link #maxFrameSize} while the frame size follows the message size. */
    private static final long FOLLOWS_MESSAGE = 0;
    private static final Options DEFAULTS = new Options(MIB, FOLLOWS_MESSAGE, SessionLimits.DEFAULT_MAX_FRAGMENTS,
            List.of(), Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO, true, null);

    private final long maxMessageSize;
    /** As set, or {@link #FOLLOWS_MESSAGE}. */
    private final long maxFrameSize;
    private final long maxFragmentsPerMessage;
    private final List<String> subprotocols;
    private final Map<String, String> headers;
    private final Duration openTimeout;
    private final Duration closeTimeout;
    private final Duration idleTimeout;
    private final boolean compression;
    private final SSLContext sslContext;

    private Options(long maxMessageSize, long maxFrameSize, long maxFragmentsPerMessage, List<String> subprotocols,
                    Map<String, String> headers, Duration openTimeout, Duration closeTimeout, Duration idleTimeout,
                    boolean compression, SSLContext sslContext) {
        this.maxMessageSize = maxMessageSize;
        this.maxFrameSize = maxFrameSize;
        this.maxFragmentsPerMessage = maxFragmentsPerMessage;
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

    /** Bytes; a max frame size not set is this too. */
    public Options withMaxMessageSize(long bytes) {
        positive(bytes, "max message size");
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max message size must be at most " + Integer.MAX_VALUE + " bytes, was " + bytes);
        }
        return new Options(bytes, maxFrameSize, maxFragmentsPerMessage, subprotocols, headers, openTimeout,
                closeTimeout, idleTimeout, compression, sslContext);
    }

    /** Bytes; may be below the max message size (then a longer message must come fragmented) or above it. */
    public Options withMaxFrameSize(long bytes) {
        positive(bytes, "max frame size");
        return new Options(maxMessageSize, bytes, maxFragmentsPerMessage, subprotocols, headers, openTimeout,
                closeTimeout, idleTimeout, compression, sslContext);
    }

    /** The most frames one inbound message may come in, counting its first. */
    public Options withMaxFragmentsPerMessage(long frames) {
        positive(frames, "max fragments per message");
        return new Options(maxMessageSize, maxFrameSize, frames, subprotocols, headers, openTimeout, closeTimeout,
                idleTimeout, compression, sslContext);
    }

    public Options withSubprotocols(String... names) {
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a subprotocol name must not be blank");
            }
        }
        return new Options(maxMessageSize, maxFrameSize, maxFragmentsPerMessage, List.of(names), headers, openTimeout,
                closeTimeout, idleTimeout, compression, sslContext);
    }

    /** Adds one request header (a client's handshake); the same name again replaces it. */
    public Options withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Options(maxMessageSize, maxFrameSize, maxFragmentsPerMessage, subprotocols, Map.copyOf(copy),
                openTimeout, closeTimeout, idleTimeout, compression, sslContext);
    }

    public Options withOpenTimeout(Duration timeout) {
        return new Options(maxMessageSize, maxFrameSize, maxFragmentsPerMessage, subprotocols, headers,
                positive(timeout, "open timeout"), closeTimeout, idleTimeout, compression, sslContext);
    }

    public Options withCloseTimeout(Duration timeout) {
        return new Options(maxMessageSize, maxFrameSize, maxFragmentsPerMessage, subprotocols, headers, openTimeout,
                positive(timeout, "close timeout"), idleTimeout, compression, sslContext);
    }

    /** {@link Duration#ZERO} turns it off. */
    public Options withIdleTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "idle timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must not be negative, was " + timeout);
        }
        return new Options(maxMessageSize, maxFrameSize, maxFragmentsPerMessage, subprotocols, headers, openTimeout,
                closeTimeout, timeout, compression, sslContext);
    }

    public Options withCompression(boolean on) {
        return new Options(maxMessageSize, maxFrameSize, maxFragmentsPerMessage, subprotocols, headers, openTimeout,
                closeTimeout, idleTimeout, on, sslContext);
    }

    /** TLS: wss for a server; for a client, the context wss URLs are opened with. */
    public Options withTls(SSLContext context) {
        return new Options(maxMessageSize, maxFrameSize, maxFragmentsPerMessage, subprotocols, headers, openTimeout,
                closeTimeout, idleTimeout, compression, Objects.requireNonNull(context, "context"));
    }

    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** The max frame size in force: as set, or else the max message size. */
    public long maxFrameSize() {
        return maxFrameSize == FOLLOWS_MESSAGE ? maxMessageSize : maxFrameSize;
    }

    public long maxFragmentsPerMessage() {
        return maxFragmentsPerMessage;
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

    /**
     * The limits every session of a blocking client or server gets from these options: the same for
     * both roles, so a limit means the same thing whichever end it is set on.
     */
    SessionLimits sessionLimits() {
        long message = maxMessageSize;
        return SessionLimits.defaults()
                .withMaxMessageBytes(message, message)
                .withMaxFramePayload(maxFrameSize())
                .withMaxFragmentsPerMessage(maxFragmentsPerMessage)
                // a message larger than the default queues must still fit through them
                .withQueues(Math.max(4 * MIB, message + message / 4), Math.max(4 * MIB, 2 * message))
                .withIdleTimeoutMillis(idleTimeout.toMillis())
                .withCloseTimeoutMillis(closeTimeout.toMillis());
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
        parts.add("maxFrameSize=" + maxFrameSize());
        parts.add("maxFragmentsPerMessage=" + maxFragmentsPerMessage);
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
