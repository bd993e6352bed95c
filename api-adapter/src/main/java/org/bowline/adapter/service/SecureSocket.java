package org.bowline.adapter.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a {@code wss} client trusts: a trust store (PKCS12 or JKS, by its content) or a ready
 * {@link SSLContext}. Without one, the JVM's default trust applies. The server's certificate must
 * always name the host in the URL (hostname verification is on).
 */
public final class SecureSocket {

    private final Path trustStore;
    private final char[] password;
    private final SSLContext context;

    private SecureSocket(Path trustStore, char[] password, SSLContext context) {
        this.trustStore = trustStore;
        this.password = password;
        this.context = context;
    }

    public static SecureSocket trustStore(Path path, String password) {
        if (path == null) {
            throw new IllegalArgumentException("trust store path must not be null");
        }
        return new SecureSocket(path, password == null ? new char[0] : password.toCharArray(), null);
    }

    public static SecureSocket sslContext(SSLContext context) {
        if (context == null) {
            throw new IllegalArgumentException("SSLContext must not be null");
        }
        return new SecureSocket(null, null, context);
    }

    /** The context to connect with; a trust store is read here, each time (so it may be replaced on disk). */
    SSLContext context(String url) {
        if (context != null) {
            return context;
        }
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType()); // PKCS12; reads JKS too
            store.load(in, password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new SslError(url, "cannot load the trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return context != null ? "SecureSocket[SSLContext]" : "SecureSocket[trustStore=" + trustStore + "]";
    }
}
