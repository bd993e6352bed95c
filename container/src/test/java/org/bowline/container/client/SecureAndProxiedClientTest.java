package org.bowline.container.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.handshake.HandshakeFailedException;
import org.bowline.container.io.TestTls;
import org.bowline.container.io.TlsSettings;
import org.bowline.container.server.BowlineServer;
import org.bowline.container.server.EchoEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss with certificate and host name checks, and tunnels through an HTTP CONNECT proxy (RFC 9110 9.3.6). */
class SecureAndProxiedClientTest {

    private static TestTls tls;
    private static BowlineServer plain;
    private static BowlineServer secure;
    private final BowlineClientContainer client = new BowlineClientContainer();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        tls = TestTls.create(dir);
        plain = BowlineServer.builder().port(0).build();
        plain.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        plain.start();
        // On every address, so that 127.0.0.2 (not in the certificate) reaches it too.
        secure = BowlineServer.builder().host("0.0.0.0").port(0).ssl(tls.server).build();
        secure.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        secure.start();
    }

    @AfterAll
    static void stop() {
        plain.stop();
        secure.stop();
    }

    @AfterEach
    void closeClient() {
        client.close();
        ClientThreads.assertNoneLeft(client);
    }

    private static ClientEndpointConfig trusting(SSLContext context) {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(BowlineClientContainer.SSL_CONTEXT, context);
        return config;
    }

    private static void assertEchoes(Session session, RecordingClient endpoint) throws Exception {
        session.getBasicRemote().sendText("through");
        assertEquals("through", endpoint.next());
        session.close();
    }

    @Test
    void wssEchoesWithTheConfiguredContext() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, trusting(tls.client),
                URI.create("wss://localhost:" + secure.port() + "/echo"));
        assertTrue(session.isSecure());
        assertEchoes(session, endpoint);
    }

    @Test
    void wssUsesTheConfigsOwnSslContext() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().sslContext(tls.client).build();
        Session session = client.connectToServer(endpoint, config,
                URI.create("wss://localhost:" + secure.port() + "/echo"));
        assertEchoes(session, endpoint);
    }

    @Test
    void anUntrustedCertificateIsAClearTlsFailure() {
        IOException e = assertThrows(IOException.class, () -> client.connectToServer(new RecordingClient(),
                ClientEndpointConfig.Builder.create().build(), URI.create("wss://localhost:" + secure.port() + "/echo")));
        assertInstanceOf(SSLException.class, e);
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
    }

    @Test
    void aCertificateForAnotherHostFailsUnlessVerificationIsOff() throws Exception {
        URI elsewhere = URI.create("wss://127.0.0.2:" + secure.port() + "/echo");
        IOException e = assertThrows(IOException.class,
                () -> client.connectToServer(new RecordingClient(), trusting(tls.client), elsewhere));
        assertInstanceOf(SSLException.class, e);
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        assertTrue(e.getMessage().contains("not issued for the host name"), e.getMessage());

        ClientEndpointConfig lax = trusting(tls.client);
        lax.getUserProperties().put(BowlineClientContainer.VERIFY_HOSTNAME, "false");
        RecordingClient endpoint = new RecordingClient();
        assertEchoes(client.connectToServer(endpoint, lax, elsewhere), endpoint);
    }

    @Test
    void theClientsTlsProtocolsAreASettingAndAMismatchIsNamed() throws Exception {
        try (BowlineServer only12 = BowlineServer.builder().port(0).ssl(tls.server)
                .tls(TlsSettings.defaults().withProtocols("TLSv1.2")).build()) {
            only12.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
            only12.start();
            URI uri = URI.create("wss://localhost:" + only12.port() + "/echo");
            ClientEndpointConfig only13 = trusting(tls.client);
            only13.getUserProperties().put(BowlineClientContainer.TLS_PROTOCOLS, "TLSv1.3");
            IOException e = assertThrows(IOException.class,
                    () -> client.connectToServer(new RecordingClient(), only13, uri));
            assertInstanceOf(SSLException.class, e);
            assertTrue(e.getMessage().contains("no TLS protocol version in common"), e.getMessage());

            // The container-wide setting is the fallback; the default (1.3 and 1.2) reaches a 1.2-only server.
            RecordingClient endpoint = new RecordingClient();
            assertEchoes(client.connectToServer(endpoint, trusting(tls.client), uri), endpoint);
            client.setTlsSettings(TlsSettings.defaults().withProtocols("TLSv1.3"));
            assertThrows(SSLException.class, () -> client.connectToServer(new RecordingClient(), trusting(tls.client), uri));
        }
    }

    @Test
    void wsTunnelsThroughTheProxy() throws Exception {
        try (TunnelProxy proxy = new TunnelProxy(null)) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(BowlineClientContainer.PROXY, "127.0.0.1:" + proxy.port());
            RecordingClient endpoint = new RecordingClient();
            Session session = client.connectToServer(endpoint, config,
                    URI.create("ws://localhost:" + plain.port() + "/echo"));
            assertEchoes(session, endpoint);
            assertTrue(proxy.heads.get(0).startsWith("CONNECT localhost:" + plain.port() + " HTTP/1.1\r\n"),
                    proxy.heads.get(0));
        }
    }

    @Test
    void wssTunnelsThroughTheProxyChosenByTheContainerWithBasicAuth() throws Exception {
        String credentials = "Basic " + Base64.getEncoder()
                .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        try (TunnelProxy proxy = new TunnelProxy(credentials)) {
            client.setProxy("127.0.0.1:" + proxy.port());
            ClientEndpointConfig config = trusting(tls.client);
            config.getUserProperties().put(BowlineClientContainer.PROXY_USER, "alice");
            config.getUserProperties().put(BowlineClientContainer.PROXY_PASSWORD, "s3cret");
            RecordingClient endpoint = new RecordingClient();
            Session session = client.connectToServer(endpoint, config,
                    URI.create("wss://localhost:" + secure.port() + "/echo"));
            assertTrue(session.isSecure());
            assertEchoes(session, endpoint);
            assertTrue(proxy.heads.get(0).contains("Proxy-Authorization: " + credentials + "\r\n"),
                    proxy.heads.get(0));
        }
    }

    @Test
    void aProxyRefusalNamesTheProxyAndStatus() throws Exception {
        try (TunnelProxy proxy = new TunnelProxy("Basic bm9ib2R5Og==")) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(BowlineClientContainer.PROXY, "127.0.0.1:" + proxy.port());
            jakarta.websocket.DeploymentException e = assertThrows(jakarta.websocket.DeploymentException.class,
                    () -> client.connectToServer(new RecordingClient(), config,
                            URI.create("ws://localhost:" + plain.port() + "/echo")));
            assertEquals(407, assertInstanceOf(HandshakeFailedException.class, e.getCause()).status());
            assertTrue(e.getMessage().contains("proxy 127.0.0.1:" + proxy.port()) && e.getMessage().contains("407"),
                    e.getMessage());
        }
    }

    @Test
    void theDefaultProxySelectorIsConsulted() throws Exception {
        java.net.ProxySelector previous = java.net.ProxySelector.getDefault();
        try (TunnelProxy proxy = new TunnelProxy(null)) {
            java.net.ProxySelector.setDefault(java.net.ProxySelector.of(
                    new java.net.InetSocketAddress("127.0.0.1", proxy.port())));
            RecordingClient endpoint = new RecordingClient();
            Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://localhost:" + plain.port() + "/echo"));
            assertEchoes(session, endpoint);
            assertEquals(1, proxy.heads.size());
        } finally {
            java.net.ProxySelector.setDefault(previous);
        }
    }
}
