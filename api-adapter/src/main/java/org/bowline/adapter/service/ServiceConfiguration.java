package org.bowline.adapter.service;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link UpgradeService}'s connections are served: the builder form of {@link ServiceConfig}.
 * Immutable.
 *
 * <pre>{@code
 * ServiceConfiguration.builder().subProtocols("xml", "json").idleTimeout(Duration.ofSeconds(120)).build()
 * }</pre>
 */
public final class ServiceConfiguration {

    /** The model's default largest frame: 64 KiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 65536;
    public static final Duration DEFAULT_CONNECTION_CLOSURE_TIMEOUT = Duration.ofSeconds(60);

    private static final ServiceConfiguration DEFAULTS = builder().build();

    private final List<String> subProtocols;
    private final Duration idleTimeout;
    private final int maxFrameSize;
    private final Duration connectionClosureTimeout;

    private ServiceConfiguration(Builder builder) {
        this.subProtocols = builder.subProtocols;
        this.idleTimeout = builder.idleTimeout;
        this.maxFrameSize = builder.maxFrameSize;
        this.connectionClosureTimeout = builder.connectionClosureTimeout;
    }

    public static ServiceConfiguration defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration an annotation states. */
    public static ServiceConfiguration of(ServiceConfig annotation) {
        return builder()
                .subProtocols(annotation.subProtocols())
                .idleTimeout(seconds(annotation.idleTimeout(), "idleTimeout"))
                .maxFrameSize(annotation.maxFrameSize())
                .connectionClosureTimeout(seconds(annotation.connectionClosureTimeout(), "connectionClosureTimeout"))
                .build();
    }

    /** The {@link ServiceConfig} on the service's class, or the defaults when it has none. */
    public static ServiceConfiguration forService(UpgradeService service) {
        ServiceConfig annotation = service.getClass().getAnnotation(ServiceConfig.class);
        return annotation == null ? DEFAULTS : of(annotation);
    }

    private static Duration seconds(double seconds, String name) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("@ServiceConfig " + name + " must be 0 or more seconds, was " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    public List<String> subProtocols() {
        return subProtocols;
    }

    /** {@link Duration#ZERO} = never. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public Duration connectionClosureTimeout() {
        return connectionClosureTimeout;
    }

    /** The first of the client's subprotocols, in the client's order, that this service speaks; null when none. */
    public String negotiate(List<String> requested) {
        for (String candidate : requested) {
            if (subProtocols.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "ServiceConfiguration[subProtocols=" + subProtocols + ", idleTimeout=" + idleTimeout
                + ", maxFrameSize=" + maxFrameSize + ", connectionClosureTimeout=" + connectionClosureTimeout + "]";
    }

    public static final class Builder {
        private List<String> subProtocols = List.of();
        private Duration idleTimeout = Duration.ZERO;
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private Duration connectionClosureTimeout = DEFAULT_CONNECTION_CLOSURE_TIMEOUT;

        private Builder() {
        }

        public Builder subProtocols(String... protocols) {
            for (String protocol : protocols) {
                if (protocol == null || protocol.isBlank()) {
                    throw new IllegalArgumentException("A subprotocol name must not be empty: " + List.of(protocols));
                }
            }
            this.subProtocols = List.of(protocols);
            return this;
        }

        /** {@link Duration#ZERO} (the default) = never. */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must not be negative, was " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        public Builder maxFrameSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxFrameSize must be more than 0 bytes, was " + bytes);
            }
            this.maxFrameSize = bytes;
            return this;
        }

        public Builder connectionClosureTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectionClosureTimeout must be more than 0, was " + timeout);
            }
            this.connectionClosureTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public ServiceConfiguration build() {
            return new ServiceConfiguration(this);
        }
    }
}
