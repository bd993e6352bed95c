package org.bowline.container.session;

import static org.bowline.container.session.SessionHarness.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.Test;

/**
 * The ping hook: an endpoint that implements {@link PingListener} sees the peer's pings, in order
 * with its messages; the container still answers them unless the listener says it answers itself.
 */
class PingListenerTest {

    private final ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/test").build();

    /** What the listener saw, in order: texts and pings' payloads as strings. */
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    private PingListener listener(boolean containerAnswers) {
        return new PingListener() {
            @Override
            public void onPing(Session session, ByteBuffer data) {
                seen.add("ping " + java.nio.charset.StandardCharsets.UTF_8.decode(data));
                if (!containerAnswers) {
                    try {
                        session.getBasicRemote().sendPong(ByteBuffer.wrap(SessionHarness.utf8("mine")));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }

            @Override
            public boolean containerAnswersPings() {
                return containerAnswers;
            }
        };
    }

    private String nextSeen() throws InterruptedException {
        String s = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(s, "the endpoint saw nothing in time");
        return s;
    }

    @Test
    void theListenerSeesPingsInOrderWithMessagesAndTheContainerStillAnswers() throws Exception {
        try (SessionHarness h = new SessionHarness(config, SessionLimits.defaults(), null,
                s -> s.addMessageHandler(String.class, text -> seen.add("text " + text)), true, listener(true))) {
            h.text("one");
            h.frame(Opcode.PING, true, SessionHarness.utf8("p1"));
            h.text("two");
            assertEquals("control " + Opcode.PONG, h.next());
            assertEquals("p1", h.pongs.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals("text one", nextSeen());
            assertEquals("ping p1", nextSeen());
            assertEquals("text two", nextSeen());
        }
    }

    @Test
    void aListenerThatAnswersItselfGetsNoPongFromTheContainer() throws Exception {
        try (SessionHarness h = new SessionHarness(config, SessionLimits.defaults(), null, s -> { }, true,
                listener(false))) {
            h.frame(Opcode.PING, true, SessionHarness.utf8("p1"));
            assertEquals("ping p1", nextSeen());
            // the container would have answered at once, on receipt: the first pong is the listener's
            assertEquals("mine", h.pongs.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals("control " + Opcode.PONG, h.next());
            h.assertStillWorking();
            assertNull(h.pongs.poll(), "no second pong");
        }
    }
}
