package org.bowline.adapter.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.BowlineServer;

/**
 * The peer of the client tests: a Bowline standalone server with plain Jakarta endpoints.
 * {@code /echo} answers text with {@code "Echo: " + text} and echoes binary; a few texts are
 * commands ({@code close CODE REASON}, {@code ping DATA}, {@code send N TEXT}, {@code big N}).
 * {@code /handshake} tells what the upgrade request carried and answers with a custom header.
 * What the server saw (pongs, close reasons) is recorded for the test to check.
 */
final class PeerServer implements AutoCloseable {

    static final long WAIT_SECONDS = 10;

    final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    private final BowlineServer server;

    PeerServer() throws IOException {
        this(0, null);
    }

    /** On {@code port} (0: any free one), over TLS when {@code ssl} is given. */
    PeerServer(int port, SSLContext ssl) throws IOException {
        BowlineServer.Builder builder = BowlineServer.builder().host("127.0.0.1").port(port);
        if (ssl != null) {
            builder.ssl(ssl);
        }
        server = builder.build();
        try {
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/echo")
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T getEndpointInstance(Class<T> endpointClass) {
                            return (T) new Echo();
                        }
                    }).build());
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(HandshakeReport.class, "/handshake")
                    .subprotocols(List.of("xml", "json"))
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                                    HandshakeResponse response) {
                            sec.getUserProperties().put("cookie", request.getHeaders().get("Cookie"));
                            sec.getUserProperties().put("x-test", request.getHeaders().get("X-Test"));
                            response.getHeaders().put("X-Served-By", List.of("peer-server"));
                        }
                    }).build());
        } catch (jakarta.websocket.DeploymentException e) {
            throw new IllegalStateException(e);
        }
        server.start();
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return (server.isSecure() ? "wss" : "ws") + "://127.0.0.1:" + port() + path;
    }

    /** Stops at once: every connection drops without a close frame (the client sees 1006). */
    @Override
    public void close() {
        server.stop();
    }

    CloseReason nextClose() throws InterruptedException {
        CloseReason reason = closes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (reason == null) {
            throw new AssertionError("the server saw no close in time");
        }
        return reason;
    }

    String nextPong() throws InterruptedException {
        String pong = pongs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (pong == null) {
            throw new AssertionError("the server received no pong in time");
        }
        return pong;
    }

    /** Echo and commands. */
    final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    command(session, text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(ByteBuffer.class, data -> {
                try {
                    session.getBasicRemote().sendBinary(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(PongMessage.class,
                    pong -> pongs.add(StandardCharsets.UTF_8.decode(pong.getApplicationData()).toString()));
        }

        private void command(Session session, String text) throws IOException {
            String[] words = text.split(" ", 3);
            switch (words[0]) {
                case "close" -> session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(
                        Integer.parseInt(words[1])), words.length > 2 ? words[2] : ""));
                case "ping" -> session.getBasicRemote().sendPing(ByteBuffer.wrap(
                        words[1].getBytes(StandardCharsets.UTF_8)));
                case "send" -> {
                    for (int i = 1; i <= Integer.parseInt(words[1]); i++) {
                        session.getBasicRemote().sendText(words[2] + " " + i);
                    }
                }
                case "big" -> session.getBasicRemote().sendText("x".repeat(Integer.parseInt(words[1])));
                default -> session.getBasicRemote().sendText("Echo: " + text);
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closes.add(reason);
        }
    }

    /** Reports the upgrade request's Cookie and X-Test headers and the subprotocol as one text. */
    public static final class HandshakeReport extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            Map<String, Object> p = config.getUserProperties();
            try {
                session.getBasicRemote().sendText("cookie=" + p.get("cookie") + " x-test=" + p.get("x-test")
                        + " subprotocol=" + session.getNegotiatedSubprotocol());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
