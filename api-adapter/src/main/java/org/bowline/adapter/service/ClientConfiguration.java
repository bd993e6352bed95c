package org.bowline.adapter.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link Client} or {@link AsyncClient} connects and behaves; immutable, built once:
 *
 * <pre>{@code
 * ClientConfiguration config = ClientConfiguration.builder()
 *         .subProtocols("json")
 *         .header("Authorization", "Bearer letmein")
 *         .cookie("session", "abc123")
 *         .readTimeout(Duration.ofSeconds(5))
 *         .retry(new RetryConfig(5, Duration.ofMillis(500), 2.0, Duration.ofSeconds(10)))
 *         .build();
 * }</pre>
 *
 * Defaults: no subprotocols, headers or cookies; reads wait without limit, writes too; the handshake
 * must complete within 10 s; frames (messages) up to 65536 bytes (larger ones close with 1009);
 * permessage-deflate offered; the JVM's default trust; no retry, no failover; up to 1024 received
 * messages wait for a {@link Client}'s reader.
 */
public final class ClientConfiguration {

    private static final ClientConfiguration DEFAULTS = builder().build();

    private final List<String> subProtocols;
    private final Map<String, List<String>> headers;
    private final Map<String, String> cookies;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration handshakeTimeout;
    private final int maxFrameSize;
    private final boolean compression;
    private final SecureSocket secureSocket;
    private final RetryConfig retry;
    private final FailoverConfig failover;
    private final int maxQueuedMessages;
    private final Service pingPongService;
    private final ConnectionListener connectionListener;

    private ClientConfiguration(Builder b) {
        this.subProtocols = List.copyOf(b.subProtocols);
        Map<String, List<String>> h = new LinkedHashMap<>();
        b.headers.forEach((name, values) -> h.put(name, List.copyOf(values)));
        this.headers = java.util.Collections.unmodifiableMap(h);
        this.cookies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.cookies));
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.handshakeTimeout = b.handshakeTimeout;
        this.maxFrameSize = b.maxFrameSize;
        this.compression = b.compression;
        this.secureSocket = b.secureSocket;
        this.retry = b.retry;
        this.failover = b.failover;
        this.maxQueuedMessages = b.maxQueuedMessages;
        this.pingPongService = b.pingPongService;
        this.connectionListener = b.connectionListener;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ClientConfiguration defaults() {
        return DEFAULTS;
    }

    /** Offered in the client's order of preference. */
    public List<String> subProtocols() {
        return subProtocols;
    }

    /** Extra headers of the upgrade request, in the order given. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Sent as one {@code Cookie} header in the upgrade request. */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** {@link Duration#ZERO}: reads wait until a message comes or the connection closes. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@link Duration#ZERO}: a write waits as long as the peer takes to accept it. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * The largest frame, and message, accepted from the server, in bytes; a larger one closes the
     * connection with 1009 (refused as soon as its header announces it).
     */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** Whether permessage-deflate is offered. */
    public boolean compression() {
        return compression;
    }

    /** Null: the JVM's default trust. */
    public SecureSocket secureSocket() {
        return secureSocket;
    }

    /** Null: no reconnecting. */
    public RetryConfig retry() {
        return retry;
    }

    /** Null: only the client's own URL. */
    public FailoverConfig failover() {
        return failover;
    }

    /**
     * How many received messages a {@link Client} holds for its reader. When they are all unread the
     * connection stops taking messages from the socket until the reader catches up (pings that
     * already arrived are answered regardless).
     */
    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /** A {@link Client}'s ping/pong callbacks ({@link Service#onPing}, {@link Service#onPong}), or null. */
    public Service pingPongService() {
        return pingPongService;
    }

    /** Hears connections made and reconnect attempts; never null. */
    public ConnectionListener connectionListener() {
        return connectionListener;
    }

    /** Every setting has a default; see {@link ClientConfiguration}. */
    public static final class Builder {
        private final List<String> subProtocols = new ArrayList<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private Duration readTimeout = Duration.ZERO;
        private Duration writeTimeout = Duration.ZERO;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int maxFrameSize = 65536;
        private boolean compression = true;
        private SecureSocket secureSocket;
        private RetryConfig retry;
        private FailoverConfig failover;
        private int maxQueuedMessages = 1024;
        private Service pingPongService;
        private ConnectionListener connectionListener = new ConnectionListener() { };

        private Builder() {
        }

        public Builder subProtocols(String... names) {
            for (String name : names) {
                if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ',')) {
                    throw new IllegalArgumentException("Not a subprotocol name: '" + name + "'");
                }
                subProtocols.add(name);
            }
            return this;
        }

        /** Adds a header to the upgrade request (call again to repeat it). */
        public Builder header(String name, String value) {
            if (name == null || name.isBlank() || value == null) {
                throw new IllegalArgumentException("A header needs a name and a value, got " + name + ": " + value);
            }
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder cookie(String name, String value) {
            if (name == null || name.isBlank() || name.contains("=") || name.contains(";")
                    || value == null || value.contains(";")) {
                throw new IllegalArgumentException("Not a cookie: " + name + "=" + value);
            }
            cookies.put(name, value);
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = notNegative(timeout, "readTimeout");
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = notNegative(timeout, "writeTimeout");
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            if (notNegative(timeout, "handshakeTimeout").isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be > 0");
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        public Builder maxFrameSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxFrameSize must be > 0, was " + bytes);
            }
            this.maxFrameSize = bytes;
            return this;
        }

        public Builder compression(boolean on) {
            this.compression = on;
            return this;
        }

        public Builder secureSocket(SecureSocket secureSocket) {
            this.secureSocket = secureSocket;
            return this;
        }

        public Builder retry(RetryConfig retry) {
            this.retry = retry;
            return this;
        }

        public Builder failover(FailoverConfig failover) {
            this.failover = failover;
            return this;
        }

        public Builder maxQueuedMessages(int count) {
            if (count <= 0) {
                throw new IllegalArgumentException("maxQueuedMessages must be > 0, was " + count);
            }
            this.maxQueuedMessages = count;
            return this;
        }

        public Builder pingPongService(Service service) {
            this.pingPongService = service;
            return this;
        }

        public Builder connectionListener(ConnectionListener listener) {
            if (listener == null) {
                throw new IllegalArgumentException("connectionListener must not be null");
            }
            this.connectionListener = listener;
            return this;
        }

        public ClientConfiguration build() {
            return new ClientConfiguration(this);
        }

        private static Duration notNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be >= 0, was " + d);
            }
            return d;
        }
    }
}
