package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Outbound limits are backpressure, and idle sessions are closed when their timeout passes. */
class FlowControlTest {

    private static final int QUEUE_LIMIT = 256 * 1024;
    private static final BlockingQueue<Throwable> OUTCOMES = new LinkedBlockingQueue<>();
    private static BowlineServer server;

    /** On "blocking" or "async", sends 64 KiB messages until a send fails, and reports how. */
    public static class Flooder extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, mode -> new Thread(() -> flood(session, mode)).start());
        }

        private static void flood(Session session, String mode) {
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            try {
                for (int i = 0; i < 100_000; i++) {
                    if (mode.equals("blocking")) {
                        session.getBasicRemote().sendBinary(chunk.duplicate());
                    } else {
                        // Fire and forget: the queue grows until the limit refuses a send at once.
                        Future<Void> sent = session.getAsyncRemote().sendBinary(chunk.duplicate());
                        if (sent.isDone()) {
                            sent.get();
                        }
                    }
                }
                OUTCOMES.add(new AssertionError("100000 messages went into a peer that never reads"));
            } catch (ExecutionException e) {
                OUTCOMES.add(e.getCause());
            } catch (Exception e) {
                OUTCOMES.add(e);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = BowlineServer.builder().port(0)
                .limits(SessionLimits.defaults().withQueues(QUEUE_LIMIT, 1 << 20).withSendTimeoutMillis(1000)
                        .withIdleTimeoutMillis(0))
                .build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Flooder.class, "/flood").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aBlockingSendToAPeerThatDoesNotReadTimesOutInsteadOfBufferingWithoutBound() throws Exception {
        OUTCOMES.clear();
        try (RawClient c = RawClient.connect(server.port(), "/flood")) {
            c.sendText("blocking");
            Throwable outcome = OUTCOMES.poll(20, TimeUnit.SECONDS);
            assertNotNull(outcome, "the flooding send never gave up");
            assertTrue(outcome instanceof SocketTimeoutException, String.valueOf(outcome));
        }
    }

    @Test
    void anAsyncSendPastTheOutboundLimitFailsItsFuture() throws Exception {
        OUTCOMES.clear();
        try (RawClient c = RawClient.connect(server.port(), "/flood")) {
            c.sendText("async");
            Throwable outcome = OUTCOMES.poll(20, TimeUnit.SECONDS);
            assertNotNull(outcome, "the flooding send never gave up");
            assertTrue(outcome instanceof IOException && outcome.getMessage().startsWith("Outbound queue full"),
                    String.valueOf(outcome));
        }
    }

    @Test
    void anIdleSessionIsClosedWhenItsTimeoutPasses() throws Exception {
        server.container().setDefaultMaxSessionIdleTimeout(300);
        try (RawClient c = RawClient.connect(server.port(), "/echo")) {
            RawClient.Frame close = c.readFrame();
            assertEquals(8, close.opcode());
            assertEquals(1001, close.closeCode());
        } finally {
            server.container().setDefaultMaxSessionIdleTimeout(0);
        }
    }
}
