package org.bowline.container.client;

import org.bowline.container.io.TlsSettings;
import org.bowline.container.session.SessionLimits;

/**
 * The container-wide defaults of outgoing connections that the Jakarta API has no setter for: connect,
 * handshake and close timeouts, whether permessage-deflate is offered unasked, the HTTP proxy, and the TLS
 * versions and cipher suites of wss. Each
 * connection may override them through its config's user properties (see {@link BowlineClientContainer}).
 */
public final class ConnectDefaults {

    private volatile long connectTimeout = 10_000;
    private volatile long handshakeTimeout = 10_000;
    private volatile long closeTimeout = SessionLimits.defaults().closeTimeoutMillis();
    private volatile boolean deflateOffered;
    private volatile String proxy;
    private volatile TlsSettings tls = TlsSettings.defaults();

    /** TCP connect timeout in ms (10000). */
    public long connectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long millis) {
        this.connectTimeout = positive(millis);
    }

    /** One deadline in ms for everything after the TCP connect (10000). */
    public long handshakeTimeout() {
        return handshakeTimeout;
    }

    public void setHandshakeTimeout(long millis) {
        this.handshakeTimeout = positive(millis);
    }

    /** How long a closing session waits for the server, in ms (5000). */
    public long closeTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(long millis) {
        this.closeTimeout = positive(millis);
    }

    /** Whether permessage-deflate is offered even when the config does not ask for it (off by default). */
    public boolean deflateOffered() {
        return deflateOffered;
    }

    public void setDeflateOffered(boolean offered) {
        this.deflateOffered = offered;
    }

    /** The HTTP proxy "host:port", or null to let the ProxySelector decide. */
    public String proxy() {
        return proxy;
    }

    public void setProxy(String hostAndPort) {
        this.proxy = hostAndPort;
    }

    /** The TLS versions and cipher suites wss may use ({@link TlsSettings#defaults()}: TLS 1.3 and 1.2). */
    public TlsSettings tls() {
        return tls;
    }

    public void setTls(TlsSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("TLS settings must not be null (TlsSettings.defaults() is the default)");
        }
        this.tls = settings;
    }

    private static long positive(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("timeout must be > 0 ms, was " + millis);
        }
        return millis;
    }
}
