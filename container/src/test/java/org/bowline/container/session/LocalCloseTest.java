package org.bowline.container.session;

import static org.bowline.container.session.SessionHarness.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.Test;

/**
 * A close this end starts: what {@code isOpen()} says while the peer's reply is outstanding
 * (Session Javadoc: true while the underlying socket is open), and what the endpoint's onClose
 * hears when the container, not the application, ends the session (Jakarta WebSocket 2.2 section
 * 2.1.5 and RFC 6455 7.1.5: 1006).
 */
class LocalCloseTest {

    private final ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/test").build();

    private static CloseReason nextClose(SessionHarness h) throws InterruptedException {
        CloseReason reason = h.closes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(reason, "onClose was not called");
        return reason;
    }

    private static byte[] closePayload(int code) {
        return ByteBuffer.allocate(2).putShort((short) code).array();
    }

    @Test
    void sessionJavadoc_isOpenStaysTrueUntilThePeerAnswersOurClose() throws Exception {
        try (SessionHarness h = new SessionHarness(config, s -> { })) {
            h.session.close();
            assertEquals(new SessionHarness.Close(1000, ""), h.next());
            assertTrue(h.session.isOpen(), "the socket is open while our close awaits its reply");
            assertTrue(h.closes.isEmpty(), "onClose waits for the close handshake to end");
            h.frame(Opcode.CLOSE, true, closePayload(1000));
            assertEquals(1000, nextClose(h).getCloseCode().getCode());
            h.awaitNotOpen();
        }
    }

    /** Closed by the time onClose runs, but not a moment before: onClose is never still queued when isOpen() is false. */
    @Test
    void sessionJavadoc_isOpenTurnsFalseWhenOnCloseIsDeliveredNotBefore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Boolean> openInOnClose = new AtomicReference<>();
        // a message handler holds the session's callbacks; the close timeout ends the handshake without them
        SessionLimits limits = SessionLimits.defaults().withCloseTimeoutMillis(200);
        try (SessionHarness h = new SessionHarness(config, limits, s -> s.addMessageHandler(String.class, text -> {
            try {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }))) {
            h.onCloseHook = s -> openInOnClose.set(s.isOpen());
            h.text("hold on");
            h.frame(Opcode.CLOSE, true, closePayload(1000));
            assertEquals(new SessionHarness.Close(1000, ""), h.next()); // answered: the handshake is over
            h.awaitPeerClosed(); // and the connection closed: all that is left is delivering onClose
            assertTrue(h.session.isOpen(), "onClose, queued behind the message, has not been delivered yet");
            release.countDown();
            assertEquals(1000, nextClose(h).getCloseCode().getCode());
            assertEquals(Boolean.FALSE, openInOnClose.get(), "inside onClose the session is already closed");
            assertTrue(!h.session.isOpen());
        }
    }

    @Test
    void section2_1_5_anIdleTimeoutSends1001AndTellsTheEndpoint1006() throws Exception {
        SessionLimits limits = SessionLimits.defaults().withIdleTimeoutMillis(200);
        try (SessionHarness h = new SessionHarness(config, limits, s -> { })) {
            Object close = h.next();
            assertTrue(close instanceof SessionHarness.Close c && c.code() == 1001,
                    "1006 may not be sent (RFC 6455 7.4.1); the peer gets 1001, not " + close);
            h.frame(Opcode.CLOSE, true, closePayload(1001));
            CloseReason reason = nextClose(h);
            assertEquals(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason.getCloseCode());
            assertTrue(reason.getReasonPhrase().contains("Idle timeout"), reason.getReasonPhrase());
        }
    }

    @Test
    void rfc6455_7_1_5_aCloseThePeerNeverAnswersEndsWith1006() throws Exception {
        SessionLimits limits = SessionLimits.defaults().withCloseTimeoutMillis(200);
        try (SessionHarness h = new SessionHarness(config, limits, s -> { })) {
            h.session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
            assertEquals(new SessionHarness.Close(1000, "bye"), h.next());
            // the peer stays silent: no close frame ever arrives
            CloseReason reason = nextClose(h);
            assertEquals(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason.getCloseCode());
            h.awaitNotOpen();
        }
    }
}
