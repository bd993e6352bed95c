package org.bowline.examples.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.ListenerConfiguration;
import org.bowline.adapter.service.Service;
import org.bowline.adapter.service.UpgradeError;
import org.bowline.adapter.service.WebSocketError;
import org.bowline.container.server.PlainHttpResponse;
import org.bowline.examples.Options;

/**
 * {@code chat}: a page at {@code http://HOST:PORT/} that any browser can use, and its WebSocket at
 * {@code /chat/{name}} on the same port. Everyone, the sender included, receives
 * {@code <name> joined}, {@code <name>: <message>} and {@code <name> left}.
 */
public final class ChatScenario extends ServerScenario {

    static final int MAX_NAME_LENGTH = 32;

    private final Set<Caller> members = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "chat [--host HOST] [--port PORT]",
                "                     a chat page at http://HOST:PORT/ (printed as 'Page: URL'), its WebSocket at",
                "                     ws://HOST:PORT/chat/NAME; everyone gets 'NAME joined', 'NAME: MESSAGE', 'NAME left'");
    }

    @Override
    protected String readyPath() {
        return "/chat";
    }

    @Override
    protected ListenerConfiguration.Builder configure(ListenerConfiguration.Builder builder, Options options)
            throws IOException {
        PlainHttpResponse page = PlainHttpResponse.text(200, "text/html", page());
        return builder.plainHttp(request -> {
            String path = request.rawPath();
            if (!path.equals("/") && !path.equals("/index.html")) {
                return PlainHttpResponse.text(404, "text/plain", "Not found: " + path);
            }
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return PlainHttpResponse.text(405, "text/plain", "Only GET serves the page");
            }
            return page;
        });
    }

    private static String page() throws IOException {
        try (InputStream in = ChatScenario.class.getResourceAsStream("/chat/index.html")) {
            if (in == null) {
                throw new IOException("The chat page /chat/index.html is missing from the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Override
    protected AutoCloseable startMore(Listener listener, Options options) {
        Console.println("Page: http://" + hostOf(listener.address()) + ":" + listener.port() + "/");
        return () -> { };
    }

    @Override
    protected void attach(Listener listener, Options options) {
        listener.attach("/chat/{name}", request -> {
            String name = request.pathParam("name").strip();
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
                throw new UpgradeError(400, "A chat name has 1 to " + MAX_NAME_LENGTH + " characters");
            }
            return new Member(name);
        });
    }

    /** One person in the chat. */
    private final class Member implements Service {
        private final String name;

        Member(String name) {
            this.name = name;
        }

        @Override
        public void onOpen(Caller caller) {
            members.add(caller);
            broadcast(name + " joined");
        }

        @Override
        public Object onTextMessage(Caller caller, String text) {
            broadcast(name + ": " + text);
            return null;
        }

        @Override
        public void onClose(Caller caller, int statusCode, String reason) {
            if (members.remove(caller)) {
                broadcast(name + " left");
            }
        }
    }

    private void broadcast(String line) {
        for (Caller member : members) {
            try {
                member.writeTextMessage(line);
            } catch (WebSocketError e) {
                // Leaving as we write: its onClose tells the others.
            }
        }
    }
}
