package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wss: the client trusts what its trust store holds, and only for the hosts the certificate names.
 * One server has a certificate for localhost and 127.0.0.1; the other's names only example.org.
 */
class ClientTlsTest {

    @TempDir
    static Path dir;

    private static PeerServer server;
    private static PeerServer misnamed;
    private static Path trusted;
    private static Path trustsMisnamed;

    @BeforeAll
    static void start() throws Exception {
        Path serverKeys = TestCertificates.keyStore(dir, "server", "dns:localhost,ip:127.0.0.1");
        Path misnamedKeys = TestCertificates.keyStore(dir, "misnamed", "dns:example.org");
        trusted = TestCertificates.trustStore(dir, serverKeys, "server");
        trustsMisnamed = TestCertificates.trustStore(dir, misnamedKeys, "misnamed");
        server = new PeerServer(0, TestCertificates.serverContext(serverKeys));
        misnamed = new PeerServer(0, TestCertificates.serverContext(misnamedKeys));
    }

    @AfterAll
    static void stop() {
        server.close();
        misnamed.close();
    }

    private static ClientConfiguration trusting(Path store) {
        return ClientConfiguration.builder()
                .secureSocket(SecureSocket.trustStore(store, TestCertificates.PASSWORD)).build();
    }

    @Test
    void aServerWhoseCertificateIsTrustedAndNamesTheHostIsReached() {
        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            String url = "wss://" + host + ":" + server.port() + "/echo";
            try (Client client = new Client(url, trusting(trusted))) {
                assertTrue(client.isSecure());
                client.writeTextMessage("Hello!");
                assertEquals("Echo: Hello!", client.readTextMessage());
            }
        }
    }

    @Test
    void aTrustStoreThatDoesNotHoldTheServersCertificateIsRefused() {
        String url = server.url("/echo");
        SslError e = assertThrows(SslError.class, () -> new Client(url, trusting(trustsMisnamed)));
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void theJvmsDefaultTrustDoesNotTrustASelfSignedServer() {
        assertThrows(SslError.class, () -> new Client(server.url("/echo")));
    }

    @Test
    void hostnameVerificationRefusesACertificateForAnotherHost() {
        String url = "wss://localhost:" + misnamed.port() + "/echo";
        SslError e = assertThrows(SslError.class, () -> new Client(url, trusting(trustsMisnamed)));
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void aTrustStoreThatCannotBeReadIsAnSslErrorNamingIt() {
        Path missing = dir.resolve("missing.p12");
        SslError e = assertThrows(SslError.class, () -> new Client(server.url("/echo"), trusting(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
