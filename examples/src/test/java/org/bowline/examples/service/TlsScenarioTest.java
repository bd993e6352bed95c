package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;

/** {@code tls}: wss on the demo certificate, trusted through the demo trust store with hostname checks on. */
class TlsScenarioTest {

    @Test
    void servesWssThatAClientTrustingTheDemoCertificateReachesByNameAndAddress() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("tls", "--port", "0")) {
            URI url = scenario.awaitReady();
            assertTrue(url.toString().matches("wss://127\\.0\\.0\\.1:\\d+/ws"), url.toString());
            try (JdkClient client = JdkClient.connectSecure(url, trusting("/tls/demo-truststore.p12"))) {
                client.sendText("Hello!");
                assertEquals("Echo: Hello!", client.nextText());
            }
            URI byName = URI.create("wss://localhost:" + url.getPort() + "/ws");
            try (JdkClient client = JdkClient.connectSecure(byName, trusting("/tls/demo-truststore.p12"))) {
                client.sendText("by name");
                assertEquals("Echo: by name", client.nextText());
            }
            assertThrows(Exception.class, () -> JdkClient.connectSecure(url, SSLContext.getDefault()).close(),
                    "a client trusting only the JDK's CAs refuses the demo certificate");
        }
    }

    private static SSLContext trusting(String resource) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsScenarioTest.class.getResourceAsStream(resource)) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
