package org.bowline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Extension;
import jakarta.websocket.WebSocketContainer;

/**
 * Drives the test WAR's endpoints with Bowline's own client (found through {@code ContainerProvider},
 * as an application would): the annotated echo with and without permessage-deflate, the path
 * template and the programmatic endpoint, each closed normally.
 */
final class BowlineClientChecks {

    private BowlineClientChecks() {
    }

    /**
     * @param app      the WAR's base, e.g. {@code ws://127.0.0.1:8080/my-app}
     * @param provider how the name of the server's WebSocket container class starts (which implementation serves the WAR)
     */
    static void run(URI app, String provider) throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        try {
            QueueingClient which = QueueingClient.connect(container, URI.create(app + "/echo"), false);
            String answer = which.exchange("container?");
            assertTrue(answer.startsWith("container: " + provider), "the implementation serving " + app + ": " + answer);
            assertNormalClose(which);

            echo(container, app, true);
            echo(container, app, false);

            QueueingClient room = QueueingClient.connect(container, URI.create(app + "/rooms/lobby"), false);
            assertEquals("lobby: hello", room.exchange("hello"), "path template /rooms/{room}");
            assertNormalClose(room);

            QueueingClient reverse = QueueingClient.connect(container, URI.create(app + "/reverse"), true);
            assertEquals("enilwob", reverse.exchange("bowline"), "programmatic endpoint /reverse");
            assertNormalClose(reverse);
        } finally {
            if (container instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private static void echo(WebSocketContainer container, URI app, boolean deflate) throws Exception {
        QueueingClient echo = QueueingClient.connect(container, URI.create(app + "/echo"), deflate);
        List<String> negotiated = echo.session().getNegotiatedExtensions().stream().map(Extension::getName).toList();
        assertEquals(deflate ? List.of("permessage-deflate") : List.of(), negotiated, "client's negotiated extensions");
        assertEquals(deflate ? "extensions: permessage-deflate" : "extensions:", echo.exchange("extensions?"),
                "the server endpoint's negotiated extensions");

        String text = "Bowline échoes ✓ 😀 ".repeat(10_000);
        assertEquals(text, echo.exchange(text), "echo of " + text.length() + " characters of text");
        byte[] bytes = new byte[256 * 1024];
        new Random(6455).nextBytes(bytes);
        assertEquals(ByteBuffer.wrap(bytes), echo.exchange(ByteBuffer.wrap(bytes)), "echo of 256 KiB of binary");
        assertNormalClose(echo);
    }

    private static void assertNormalClose(QueueingClient client) throws Exception {
        CloseReason reason = client.closeNormally();
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, reason.getCloseCode(),
                "close code the server answered " + client.session().getRequestURI() + " with");
    }
}
