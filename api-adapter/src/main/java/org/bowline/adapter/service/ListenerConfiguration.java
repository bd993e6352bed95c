package org.bowline.adapter.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bowline.container.server.PlainHttpHandler;

/**
 * How a {@link Listener} binds and serves: host, TLS, handshake deadline, permessage-deflate,
 * request limits. Immutable; every setting has a default.
 *
 * <pre>{@code
 * ListenerConfiguration.builder().secureSocket(Path.of("keystore.p12"), "changeit").build()
 * }</pre>
 */
public final class ListenerConfiguration {

    private static final ListenerConfiguration DEFAULTS = builder().build();

    private final String host;
    private final SSLContext sslContext;
    private final Duration handshakeTimeout;
    private final boolean permessageDeflate;
    private final int maxRequestHeadBytes;
    private final Duration gracefulStopTimeout;
    private final PlainHttpHandler plainHttp;

    private ListenerConfiguration(Builder builder) {
        this.host = builder.host;
        this.sslContext = builder.sslContext;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.permessageDeflate = builder.permessageDeflate;
        this.maxRequestHeadBytes = builder.maxRequestHeadBytes;
        this.gracefulStopTimeout = builder.gracefulStopTimeout;
        this.plainHttp = builder.plainHttp;
    }

    public static ListenerConfiguration defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    /** The TLS context for {@code wss}, or null for plain {@code ws}. */
    public SSLContext sslContext() {
        return sslContext;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public boolean permessageDeflate() {
        return permessageDeflate;
    }

    public int maxRequestHeadBytes() {
        return maxRequestHeadBytes;
    }

    public Duration gracefulStopTimeout() {
        return gracefulStopTimeout;
    }

    /** What answers plain HTTP requests on the listener's port, or null. */
    public PlainHttpHandler plainHttp() {
        return plainHttp;
    }

    public static final class Builder {
        private String host = "0.0.0.0";
        private SSLContext sslContext;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private boolean permessageDeflate = true;
        private int maxRequestHeadBytes = 8192;
        private Duration gracefulStopTimeout = Duration.ofSeconds(10);
        private PlainHttpHandler plainHttp;

        private Builder() {
        }

        /** The address to bind; {@code 0.0.0.0} (every interface) by default. */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must name an address to bind");
            }
            this.host = host;
            return this;
        }

        /** Serve {@code wss} with this context. */
        public Builder secureSocket(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "SSLContext");
            return this;
        }

        /**
         * Serve {@code wss} with the key and certificate of a PKCS12 or JKS key store.
         *
         * @throws IllegalArgumentException naming the file when it cannot be read or holds no usable key
         */
        public Builder secureSocket(Path keyStore, String password) {
            this.sslContext = loadKeyStore(keyStore, password);
            return this;
        }

        /** One deadline for the whole opening handshake, from accept to the end of the request head. */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be more than 0, was " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /** Whether permessage-deflate is offered (it is by default). */
        public Builder permessageDeflate(boolean enabled) {
            this.permessageDeflate = enabled;
            return this;
        }

        /** The largest upgrade request head (request line and headers) accepted; 431 beyond. */
        public Builder maxRequestHeadBytes(int bytes) {
            if (bytes < 256) {
                throw new IllegalArgumentException("maxRequestHeadBytes must be at least 256, was " + bytes);
            }
            this.maxRequestHeadBytes = bytes;
            return this;
        }

        /** How long {@link Listener#gracefulStop()} waits for the close handshakes; 10 s by default. */
        public Builder gracefulStopTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("gracefulStopTimeout must not be negative, was " + timeout);
            }
            this.gracefulStopTimeout = timeout;
            return this;
        }

        /** Answers plain HTTP requests (a page, say) on the listener's own port. */
        public Builder plainHttp(PlainHttpHandler handler) {
            this.plainHttp = handler;
            return this;
        }

        public ListenerConfiguration build() {
            return new ListenerConfiguration(this);
        }

        private static SSLContext loadKeyStore(Path path, String password) {
            char[] secret = password == null ? new char[0] : password.toCharArray();
            GeneralSecurityException last = null;
            // PKCS12 first (the JDK default); JKS for older stores. Each type reads only its own format.
            for (String type : new String[] {"PKCS12", "JKS"}) {
                try (InputStream in = Files.newInputStream(path)) {
                    KeyStore store = KeyStore.getInstance(type);
                    store.load(in, secret);
                    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    keys.init(store, secret);
                    SSLContext context = SSLContext.getInstance("TLS");
                    context.init(keys.getKeyManagers(), null, null);
                    return context;
                } catch (GeneralSecurityException e) {
                    last = e;
                } catch (IOException e) {
                    if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                        throw new IllegalArgumentException("Key store " + path + ": wrong password", e);
                    }
                    if (!Files.isReadable(path)) {
                        throw new IllegalArgumentException("Cannot read key store " + path + ": " + e, e);
                    }
                    last = new GeneralSecurityException(e.getMessage(), e);
                }
            }
            throw new IllegalArgumentException("Key store " + path + " is neither a PKCS12 nor a JKS store this password"
                    + " opens: " + last.getMessage(), last);
        }
    }
}
