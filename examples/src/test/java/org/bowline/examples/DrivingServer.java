package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.BowlineServer;

/**
 * A Bowline server with the demo server's limits whose one endpoint, at {@value #PATH}, drives a
 * client: the test sends through {@link #session()} and takes what came back, in order, from
 * {@link #next()} (text as String, binary as byte[], pongs as {@link Pong}).
 */
final class DrivingServer implements AutoCloseable {

    static final String PATH = "/drive";

    /** A pong's payload, kept apart from binary messages. */
    record Pong(byte[] payload) {
    }

    private final BowlineServer server;
    private final Driver driver = new Driver();
    private volatile Map<String, List<String>> requestHeaders;

    private DrivingServer(SSLContext ssl) throws IOException, DeploymentException {
        BowlineServer.Builder builder = BowlineServer.builder().host("127.0.0.1").port(0).limits(DemoServer.limits());
        server = (ssl == null ? builder : builder.ssl(ssl)).build();
        try {
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(Driver.class, PATH)
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                                    HandshakeResponse response) {
                            requestHeaders = request.getHeaders();
                        }

                        @Override
                        public <T> T getEndpointInstance(Class<T> endpointClass) {
                            return endpointClass.cast(driver);
                        }
                    })
                    .build());
            server.start();
        } catch (IOException | DeploymentException | RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    static DrivingServer start() throws IOException, DeploymentException {
        return new DrivingServer(null);
    }

    static DrivingServer startSecure(SSLContext ssl) throws IOException, DeploymentException {
        return new DrivingServer(ssl);
    }

    /** ws://127.0.0.1:PORT/drive, or wss://localhost:PORT/drive (the name the test certificate carries). */
    URI url() {
        return URI.create((server.isSecure() ? "wss://localhost:" : "ws://127.0.0.1:") + server.port() + PATH);
    }

    /** The client's session, once it has connected (waits up to a minute). */
    Session session() throws Exception {
        return driver.opened.get(60, TimeUnit.SECONDS);
    }

    /** The client's values of a request header (the name in any case), or null. */
    List<String> requestHeader(String name) {
        Map<String, List<String>> headers = requestHeaders;
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The next message or pong from the client (waits up to two minutes). */
    Object next() throws InterruptedException {
        Object received = driver.received.poll(120, TimeUnit.SECONDS);
        assertNotNull(received, "nothing came back from the client within two minutes");
        return received;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One instance serves the one client of a test. */
    public static final class Driver extends Endpoint {

        final CompletableFuture<Session> opened = new CompletableFuture<>();
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> received.add(bytes(data)));
            session.addMessageHandler(PongMessage.class,
                    (MessageHandler.Whole<PongMessage>) pong -> received.add(new Pong(bytes(pong.getApplicationData()))));
            opened.complete(session);
        }

        private static byte[] bytes(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            return copy;
        }
    }
}
