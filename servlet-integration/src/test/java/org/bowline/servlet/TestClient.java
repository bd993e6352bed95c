package org.bowline.servlet;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

/** A programmatic client endpoint that queues what it receives, for tests. */
final class TestClient extends Endpoint {

    static final long TIMEOUT_SECONDS = 30;

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    Session session;

    static TestClient connect(WebSocketContainer container, URI uri, Map<String, String> headers,
                              List<String> subprotocols) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(subprotocols)
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> requestHeaders) {
                        headers.forEach((name, value) -> requestHeaders.put(name, List.of(value)));
                    }
                }).build();
        TestClient client = new TestClient();
        client.session = container.connectToServer(client, config, uri);
        return client;
    }

    static TestClient connect(WebSocketContainer container, URI uri) throws Exception {
        return connect(container, uri, Map.of(), List.of());
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) messages::add);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            messages.add(copy);
        });
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        error.complete(thr);
    }

    Object next() throws InterruptedException {
        Object message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("No message within " + TIMEOUT_SECONDS + " s");
        }
        return message;
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
