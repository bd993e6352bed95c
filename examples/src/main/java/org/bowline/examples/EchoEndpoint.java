package org.bowline.examples;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * Sends every message back to its sender whole: text as text, binary as binary, through the
 * session's blocking remote (so a slow reader slows only its own session's echoes).
 */
public class EchoEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(EchoEndpoint.class.getName());

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) text -> echo(session, () -> session.getBasicRemote().sendText(text)));
        session.addMessageHandler(ByteBuffer.class,
                (MessageHandler.Whole<ByteBuffer>) data -> echo(session, () -> session.getBasicRemote().sendBinary(data)));
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "Session {0}: {1}", session.getId(), failure.toString());
    }

    private static void echo(Session session, Send send) {
        try {
            send.run();
        } catch (IOException e) {
            // A peer that left mid-echo is ordinary; a failure on an open session is worth a warning.
            System.Logger.Level level = session.isOpen() ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
            LOG.log(level, "Session {0}: echo failed: {1}", session.getId(), e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Send {
        void run() throws IOException;
    }
}
