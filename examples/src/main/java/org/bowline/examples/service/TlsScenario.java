package org.bowline.examples.service;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.ListenerConfiguration;
import org.bowline.examples.Options;
import org.bowline.examples.UsageException;

/**
 * {@code tls}: the echo at {@code wss://HOST:PORT/ws}, on the demo PKCS12 key store whose certificate
 * names {@code localhost} and {@code 127.0.0.1} (or on {@code --keystore PATH --password P}).
 */
public final class TlsScenario extends ServerScenario {

    static final String DEMO_KEYSTORE = "/tls/demo-keystore.p12";
    static final String DEMO_PASSWORD = "changeit";

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "tls [--host HOST] [--port PORT] [--keystore PATH --password PASSWORD]",
                "                     the echo at wss://HOST:PORT/ws, on the demo certificate for localhost and",
                "                     127.0.0.1 (trust store: tls/demo-truststore.p12 in the jar, password changeit)",
                "                     or on a PKCS12/JKS key store");
    }

    @Override
    protected Set<String> extraOptions() {
        return Set.of("--keystore", "--password");
    }

    @Override
    protected ListenerConfiguration.Builder configure(ListenerConfiguration.Builder builder, Options options)
            throws Exception {
        String keyStore = options.value("--keystore");
        String password = options.value("--password");
        if (keyStore == null) {
            if (password != null) {
                throw new UsageException("tls: --password goes with --keystore");
            }
            return builder.secureSocket(demoContext());
        }
        if (password == null) {
            throw new UsageException("tls: --keystore needs --password");
        }
        return builder.secureSocket(Path.of(keyStore), password);
    }

    /** The demo key store travels inside the jar, so it is read from the class path. */
    private static SSLContext demoContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsScenario.class.getResourceAsStream(DEMO_KEYSTORE)) {
            if (in == null) {
                throw new IllegalStateException("The demo key store " + DEMO_KEYSTORE + " is missing from the class path");
            }
            store.load(in, DEMO_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, DEMO_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Override
    protected void attach(Listener listener, Options options) {
        listener.attach("/ws", request -> new ServiceEcho.EchoService());
    }
}
