package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.CloseReason;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Sends racing a close, through the session's one state machine: neither deadlocks, the close frame
 * is the last frame the peer gets (no data after it), and a send that lost the race fails with an
 * IOException saying the session is closed rather than hanging or corrupting the stream.
 */
class SendRacingCloseTest {

    @RepeatedTest(20)
    void sendsRacingACloseEndBeforeItsFrameOrFail() throws Exception {
        try (SessionHarness h = new SessionHarness(ServerEndpointConfig.Builder.create(Object.class, "/").build(),
                s -> { })) {
            CountDownLatch sending = new CountDownLatch(2);
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread sender = new Thread(() -> {
                    sending.countDown();
                    try {
                        for (int i = 0; ; i++) {
                            h.session.getBasicRemote().sendText("m" + i);
                        }
                    } catch (IOException e) {
                        if (!e.getMessage().contains(" is closed: ")) {
                            unexpected.set(e);
                        }
                    } catch (Throwable e) {
                        unexpected.set(e);
                    }
                });
                sender.start();
                senders.add(sender);
            }
            assertTrue(sending.await(SessionHarness.WAIT_SECONDS, TimeUnit.SECONDS));
            h.session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
            for (Thread sender : senders) {
                sender.join(TimeUnit.SECONDS.toMillis(SessionHarness.WAIT_SECONDS));
                assertFalse(sender.isAlive(), "a send racing close() did not end");
            }
            assertEquals(null, unexpected.get());

            Object frame;
            int texts = 0;
            while (!((frame = h.next()) instanceof SessionHarness.Close)) {
                assertTrue(frame instanceof SessionHarness.Text, "only whole texts before the close: " + frame);
                texts++;
            }
            assertEquals(new SessionHarness.Close(1000, "done"), frame);
            // The peer answers; the server then closes the connection, so everything it sent has arrived.
            h.frame(Opcode.CLOSE, true, new byte[] {0x03, (byte) 0xE8});
            h.awaitPeerClosed();
            assertEquals(null, h.received.poll(), "nothing after the close frame (" + texts + " texts before it)");
            assertEquals(1000, h.closes.poll(SessionHarness.WAIT_SECONDS, TimeUnit.SECONDS).getCloseCode().getCode());
        }
    }
}
