package org.bowline.cluster;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The endpoint the tests' nodes serve at {@code /topics/{topic}}: a session subscribes to its
 * topic when it opens (and is told {@code SUBSCRIBED} once other nodes' messages reach it too);
 * each text it sends is published to the topic, and a failed publish is told back as
 * {@code FAILED reason}. {@code leaveOnClose} false leaves unsubscribing to the sweep.
 */
final class TopicEndpoint extends Endpoint {

    static final String SUBSCRIBED = "SUBSCRIBED";
    static final String FAILED = "FAILED ";

    private final Topics topics;
    private final boolean leaveOnClose;

    TopicEndpoint(Topics topics, boolean leaveOnClose) {
        this.topics = topics;
        this.leaveOnClose = leaveOnClose;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        String topic = session.getPathParameters().get("topic");
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                topics.publish(topic, text).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        session.getAsyncRemote().sendText(FAILED + cause.getMessage());
                    }
                }));
        topics.subscribe(topic, session).whenComplete((ok, failure) -> {
            if (failure == null) {
                session.getAsyncRemote().sendText(SUBSCRIBED);
            }
        });
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (leaveOnClose) {
            topics.leaveAll(session);
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "error"));
        } catch (IOException e) {
            // closing anyway
        }
    }
}
