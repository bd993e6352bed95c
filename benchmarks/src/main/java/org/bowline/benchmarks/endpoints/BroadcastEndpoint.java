package org.bowline.benchmarks.endpoints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Sends each text message it receives to every connected session, with the asynchronous remote
 * (the way a chat room fans out), and returns once every send has completed. Greets each session
 * on open, so a client knows its session is registered before it asks for a broadcast.
 */
@ServerEndpoint("/broadcast")
public class BroadcastEndpoint {

    static final String WELCOME = "welcome";
    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    @OnOpen
    public void onOpen(Session session) throws IOException {
        Limits.raise(session, Limits.ECHO_MESSAGE);
        SESSIONS.add(session);
        session.getBasicRemote().sendText(WELCOME);
    }

    @OnMessage
    public void onMessage(String message) throws InterruptedException {
        List<Future<Void>> sends = new ArrayList<>(SESSIONS.size());
        for (Session session : SESSIONS) {
            sends.add(session.getAsyncRemote().sendText(message));
        }
        for (Future<Void> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                // That session went away mid-broadcast; the others still get the message.
            }
        }
    }

    @OnClose
    public void onClose(Session session) {
        SESSIONS.remove(session);
    }

    @OnError
    public void onError(Session session, Throwable error) {
        SESSIONS.remove(session);
    }
}
