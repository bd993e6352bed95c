package org.bowline.distribution;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

/** A programmatic client endpoint that queues what it receives. */
final class QueueingClient extends Endpoint {

    private static final long TIMEOUT_SECONDS = 20;

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private Session session;

    static QueueingClient connect(WebSocketContainer container, URI uri, boolean deflate) throws Exception {
        List<Extension> extensions = deflate ? List.of(new PerMessageDeflateOffer()) : List.of();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().extensions(extensions).build();
        QueueingClient client = new QueueingClient();
        client.session = container.connectToServer(client, config, uri);
        return client;
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
    public void onError(Session session, Throwable failure) {
        closed.completeExceptionally(failure);
    }

    Session session() {
        return session;
    }

    String exchange(String text) throws Exception {
        session.getBasicRemote().sendText(text);
        return (String) next();
    }

    ByteBuffer exchange(ByteBuffer data) throws Exception {
        session.getBasicRemote().sendBinary(data);
        return (ByteBuffer) next();
    }

    private Object next() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Object message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message != null) {
                return message;
            }
            if (closed.isDone()) {
                throw new AssertionError(session.getRequestURI() + " closed instead of answering: " + closeOutcome());
            }
        }
        throw new AssertionError("No answer from " + session.getRequestURI() + " within " + TIMEOUT_SECONDS + " s");
    }

    private String closeOutcome() {
        try {
            CloseReason reason = closed.getNow(null);
            return reason.getCloseCode() + " " + reason.getReasonPhrase();
        } catch (RuntimeException e) {
            return "error " + e.getCause();
        }
    }

    /** Closes normally and returns the close reason the server answered with. */
    CloseReason closeNormally() throws Exception {
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static final class PerMessageDeflateOffer implements Extension {
        @Override
        public String getName() {
            return "permessage-deflate";
        }

        @Override
        public List<Parameter> getParameters() {
            return List.of();
        }
    }
}
