package org.bowline.container.client.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The client under test, as conformance suites drive one: a programmatic endpoint that sends every
 * text message back as text and every binary message as binary through the basic remote (what the
 * demo jar's echo-client does), and records how its session ended.
 */
public class EchoingClient extends Endpoint {

    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    volatile boolean opened;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    /** Echoes that failed because the session was closing or closed: normal when a close crossed them. */
    final List<IOException> echoesAfterClose = new CopyOnWriteArrayList<>();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        opened = true;
        session.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) text -> echo(session, () -> session.getBasicRemote().sendText(text)));
        session.addMessageHandler(ByteBuffer.class,
                (MessageHandler.Whole<ByteBuffer>) data -> echo(session, () -> session.getBasicRemote().sendBinary(data)));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable failure) {
        errors.add(failure);
    }

    private void echo(Session session, Send send) {
        try {
            send.run();
        } catch (IOException e) {
            // isOpen() stays true until onClose while a close handshake is under way, so a send
            // refused because a close has begun is recognised by what Bowline says about it.
            if (session.isOpen() && !String.valueOf(e.getMessage()).contains(" is closed: ")) {
                errors.add(e);
            } else {
                echoesAfterClose.add(e);
            }
        }
    }

    @FunctionalInterface
    private interface Send {
        void run() throws IOException;
    }
}
