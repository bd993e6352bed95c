package org.bowline.servlet.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * Echoes text as text and binary as binary; the text {@code close-me} makes it close with 4001
 * "server says bye". Records every close it sees in {@link #CLOSES}, with the query string of the
 * session's upgrade request, so that a test finds its own session's close among those of sessions
 * other tests left behind.
 */
public class EchoEndpoint extends Endpoint {

    public static final String CLOSE_COMMAND = "close-me";
    public static final BlockingQueue<Map.Entry<String, CloseReason>> CLOSES = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, text -> {
            try {
                if (text.equals(CLOSE_COMMAND)) {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "server says bye"));
                } else {
                    session.getBasicRemote().sendText(text);
                }
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
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        CLOSES.add(Map.entry(String.valueOf(session.getQueryString()), closeReason));
    }
}
