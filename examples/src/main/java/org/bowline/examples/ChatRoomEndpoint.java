package org.bowline.examples;

import java.util.List;
import java.util.Map;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.bowline.cluster.Topics;

/**
 * The chat room of {@link ClusterChat}: every session is subscribed to one topic, and what any
 * session on any node sends is published to it as {@code NAME: TEXT}. The name comes from the
 * query ({@code ?name=ada}), or is {@code guest-ID}.
 */
final class ChatRoomEndpoint extends Endpoint {

    static final String TOPIC = "chat";
    private static final int MAX_NAME = 32;

    private final Topics topics;
    private final String node;

    ChatRoomEndpoint(Topics topics, String node) {
        this.topics = topics;
        this.node = node;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        String name = nameOf(session);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                topics.publish(TOPIC, name + ": " + text).exceptionally(failure -> {
                    // The people on this node saw it; the others did not: say so to the sender.
                    session.getAsyncRemote().sendText("* not delivered to other nodes: Redis is unreachable");
                    return null;
                }));
        topics.subscribe(TOPIC, session).thenRun(() -> topics.publish(TOPIC, "* " + name + " joined on " + node));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        try {
            topics.leaveAll(session);
            topics.publish(TOPIC, "* " + nameOf(session) + " left");
        } catch (IllegalStateException stopping) {
            // the node is shutting down and its topics are closed already
        }
    }

    private static String nameOf(Session session) {
        Map<String, List<String>> query = session.getRequestParameterMap();
        List<String> names = query.get("name");
        String name = names == null || names.isEmpty() ? "" : names.get(0).strip();
        if (name.isEmpty()) {
            return "guest-" + session.getId();
        }
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_NAME).forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
