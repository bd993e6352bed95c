package org.bowline.tck.jetty;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the embedded server listens: address, port (0 = any free one), optional TLS and an optional
 * login realm for WARs whose web.xml asks for authentication.
 *
 * @param host         address to bind, e.g. 127.0.0.1
 * @param port         port to bind; 0 picks a free one
 * @param tls          the key store to serve HTTPS/WSS with, or {@code null} for plain HTTP
 * @param realm        a login realm, or {@code null} for none
 */
public record JettySettings(String host, int port, KeyStoreSettings tls, RealmSettings realm) {

    public JettySettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }

    public boolean secure() {
        return tls != null;
    }

    /** A key store holding the server's certificate and private key. */
    public record KeyStoreSettings(Path path, String password, String type) {
        public KeyStoreSettings {
            Objects.requireNonNull(path, "key store path");
            Objects.requireNonNull(password, "key store password");
            Objects.requireNonNull(type, "key store type");
        }
    }

    /**
     * A realm for the WARs' {@code <login-config>}: its name and a properties file of
     * {@code user: password[,role...]} lines.
     */
    public record RealmSettings(String name, Path usersFile) {
        public RealmSettings {
            Objects.requireNonNull(name, "realm name");
            Objects.requireNonNull(usersFile, "realm users file");
        }
    }
}
