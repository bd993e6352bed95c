package org.bowline.examples.service;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bowline.adapter.service.Client;
import org.bowline.adapter.service.ClientConfiguration;
import org.bowline.adapter.service.SecureSocket;

/**
 * {@code tls-client wss://HOST:PORT/ws}: trusts the demo certificate (the trust store in the jar;
 * host names are verified), sends {@code Hello!} and prints {@code Response: <reply>}.
 */
public final class TlsClient extends ClientScenario {

    static final String TRUST_STORE = "/tls/demo-truststore.p12";
    static final String PASSWORD = "changeit";

    @Override
    public String name() {
        return "tls-client";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "tls-client wss://HOST:PORT/ws",
                "                     trust the demo certificate (tls/demo-truststore.p12 in the jar, host",
                "                     name verified), send Hello! and print Response: <reply>");
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        String url = urls(arguments, false).get(0);
        ClientConfiguration config = ClientConfiguration.builder()
                .secureSocket(SecureSocket.sslContext(demoTrust()))
                .readTimeout(Duration.ofSeconds(10))
                .build();
        try (Client client = new Client(url, config)) {
            client.writeTextMessage("Hello!");
            Console.println("Response: " + client.readTextMessage());
        }
        return 0;
    }

    /** An SSLContext that trusts the demo certificate only. */
    static SSLContext demoTrust() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsClient.class.getResourceAsStream(TRUST_STORE)) {
            if (in == null) {
                throw new IOException("The demo trust store " + TRUST_STORE + " is missing from the class path");
            }
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
