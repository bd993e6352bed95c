package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sends from many threads at once queue in order instead of failing, and never corrupt frames. */
class ConcurrentSendTest {

    private static final int THREADS = 8;
    private static final int MESSAGES = 200;
    private static BowlineServer server;

    /** On "go", eight threads each send numbered messages, blocking and async mixed, some partial. */
    public static class Blaster extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, go -> {
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    new Thread(() -> blast(session, thread)).start();
                }
            });
        }

        private static void blast(Session session, int thread) {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    String msg = thread + ":" + i + ":" + "x".repeat(i * 7 % 3000);
                    switch (i % 3) {
                        case 0 -> session.getBasicRemote().sendText(msg);
                        case 1 -> session.getAsyncRemote().sendText(msg).get();
                        default -> {
                            int half = msg.length() / 2;
                            session.getBasicRemote().sendText(msg.substring(0, half), false);
                            session.getBasicRemote().sendText(msg.substring(half), true);
                        }
                    }
                }
            } catch (Exception e) {
                try {
                    session.getBasicRemote().sendText("FAILED " + e);
                } catch (IOException ignored) {
                    // the test sees the missing messages
                }
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = BowlineServer.builder().port(0).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Blaster.class, "/blast").build());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void concurrentSendsFromManyThreadsAllArriveIntactAndInPerThreadOrder() throws Exception {
        try (RawClient c = RawClient.connect(server.port(), "/blast")) {
            c.sendText("go");
            Map<Integer, Integer> next = new HashMap<>();
            StringBuilder partial = null;
            int received = 0;
            while (received < THREADS * MESSAGES) {
                RawClient.Frame f = c.readFrame();
                String text;
                if (f.opcode() == 1 && f.fin()) {
                    text = f.text();
                } else if (f.opcode() == 1) {
                    partial = new StringBuilder(f.text());
                    continue;
                } else {
                    assertEquals(0, f.opcode(), "only continuation frames may follow an unfinished message");
                    partial.append(f.text());
                    if (!f.fin()) {
                        continue;
                    }
                    text = partial.toString();
                    partial = null;
                }
                assertTrue(!text.startsWith("FAILED"), text);
                String[] parts = text.split(":", 3);
                int thread = Integer.parseInt(parts[0]);
                int index = Integer.parseInt(parts[1]);
                assertEquals(next.getOrDefault(thread, 0), index, "messages of thread " + thread + " out of order");
                assertEquals("x".repeat(index * 7 % 3000), parts[2]);
                next.put(thread, index + 1);
                received++;
            }
            assertEquals(THREADS * MESSAGES, received);
        }
    }
}
