package org.bowline.examples.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.BowlineServer;

/**
 * The client scenarios' peer: a Bowline server with a plain Jakarta endpoint at {@code /ws} that
 * answers text with {@code "Echo: " + text}, and writes down the Cookie header of every upgrade.
 */
final class EchoPeer implements AutoCloseable {

    final BlockingQueue<String> cookies = new LinkedBlockingQueue<>();
    private final BowlineServer server;

    private EchoPeer(int port, SSLContext ssl) throws IOException, DeploymentException {
        BowlineServer.Builder builder = BowlineServer.builder().host("127.0.0.1").port(port);
        if (ssl != null) {
            builder.ssl(ssl);
        }
        server = builder.build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/ws")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                                HandshakeResponse response) {
                        List<String> cookie = request.getHeaders().get("Cookie");
                        cookies.add(cookie == null ? "(none)" : String.join("; ", cookie));
                    }
                }).build());
        server.start();
    }

    /** On {@code port}, 0 for any free one. */
    static EchoPeer plain(int port) throws IOException, DeploymentException {
        return new EchoPeer(port, null);
    }

    /** Over TLS with the demo key store (its certificate names localhost and 127.0.0.1). */
    static EchoPeer demoTls() throws IOException, DeploymentException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = EchoPeer.class.getResourceAsStream("/tls/demo-keystore.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new EchoPeer(0, context);
    }

    int port() {
        return server.port();
    }

    String url() {
        return (server.isSecure() ? "wss" : "ws") + "://127.0.0.1:" + port() + "/ws";
    }

    /** Stops at once: connections end without a close frame. */
    @Override
    public void close() {
        server.stop();
    }

    /** Answers text with "Echo: " + text. */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    session.getBasicRemote().sendText("Echo: " + text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
