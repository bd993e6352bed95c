package org.bowline.servlet.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** An annotated endpoint found by scanning: answers "word:message@path" (path as the session saw it). */
@ServerEndpoint("/annotated/{word}")
public class AnnotatedEcho {

    @OnMessage
    public String echo(String message, Session session, @PathParam("word") String word) {
        return word + ":" + message + "@" + session.getRequestURI().getPath();
    }
}
