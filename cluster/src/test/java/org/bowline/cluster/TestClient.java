package org.bowline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

/** A WebSocket client (Bowline's) that keeps every text message it receives, in order. */
final class TestClient implements AutoCloseable {

    private static final WebSocketContainer CONTAINER = ContainerProvider.getWebSocketContainer();

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<CloseReason> closed = new LinkedBlockingQueue<>();
    private final Session session;

    private TestClient(URI uri) throws IOException, DeploymentException {
        this.session = CONTAINER.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closed.add(reason);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }

    static TestClient connect(URI uri) throws IOException, DeploymentException {
        return new TestClient(uri);
    }

    /** Connects to a topic and waits until the node says it is subscribed everywhere. */
    static TestClient subscribe(URI topicUri) throws Exception {
        TestClient client = new TestClient(topicUri);
        assertEquals(TopicEndpoint.SUBSCRIBED, client.next(), "first message from " + topicUri);
        return client;
    }

    void send(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    /** The next message, waiting up to 10 s. */
    String next() throws InterruptedException {
        String message = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(message, "no message within 20 s");
        return message;
    }

    /** Messages up to and including the first one equal to {@code last}. */
    List<String> until(String last) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        String message;
        do {
            message = next();
            messages.add(message);
        } while (!message.equals(last));
        return messages;
    }

    /** Messages until each of {@code lasts} was seen, all of them included. */
    List<String> untilAll(List<String> lasts) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        List<String> missing = new ArrayList<>(lasts);
        while (!missing.isEmpty()) {
            String message = next();
            messages.add(message);
            missing.remove(message);
        }
        return messages;
    }

    CloseReason awaitClose() throws InterruptedException {
        CloseReason reason = closed.poll(10, TimeUnit.SECONDS);
        assertNotNull(reason, "not closed within 10 s");
        return reason;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        session.close();
    }
}
