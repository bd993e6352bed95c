package org.bowline.container.session;

import static org.bowline.container.session.SessionHarness.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.Test;

/**
 * Jakarta WebSocket 2.2, MessageHandler.Whole&lt;Reader&gt; and Whole&lt;InputStream&gt;: the
 * handler gets its stream when the first frame arrives and reads the rest as it comes, with
 * the session reading no further ahead than its inbound backlog allows.
 */
class StreamingMessageHandlerTest {

    private final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    private final ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/test").build();

    private Object nextSeen() throws InterruptedException {
        Object o = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(o, "the handler reported nothing in time");
        return o;
    }

    private static String read(Reader r, int n) throws IOException {
        char[] buf = new char[n];
        int got = 0;
        while (got < n) {
            int k = r.read(buf, got, n - got);
            if (k < 0) {
                break;
            }
            got += k;
        }
        return new String(buf, 0, got);
    }

    @Test
    void aReaderHandlerReadsAThreeFrameMessageAsItsFramesArrive() throws Exception {
        MessageHandler.Whole<Reader> handler = reader -> {
            try {
                seen.add("opened");
                seen.add(read(reader, 5));
                seen.add(read(reader, 6));
                seen.add(read(reader, 100));
                seen.add(reader.read());
            } catch (IOException e) {
                seen.add(e);
            }
        };
        try (SessionHarness h = new SessionHarness(config, s -> s.addMessageHandler(Reader.class, handler))) {
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("héllo"));
            // The handler has its Reader, and the first frame's text, before the second frame is even sent.
            assertEquals("opened", nextSeen());
            assertEquals("héllo", nextSeen());
            h.frame(Opcode.CONTINUATION, false, SessionHarness.utf8(" wörld"));
            assertEquals(" wörld", nextSeen());
            h.frame(Opcode.CONTINUATION, true, SessionHarness.utf8("!"));
            assertEquals("!", nextSeen());
            assertEquals(-1, nextSeen());
            h.text("second");
            assertEquals("opened", nextSeen());
            assertEquals("secon", nextSeen());
        }
    }

    @Test
    void anInputStreamHandlerReadsAThreeFrameMessageAsItsFramesArrive() throws Exception {
        MessageHandler.Whole<InputStream> handler = in -> {
            try {
                seen.add("opened");
                seen.add(in.readNBytes(3));
                seen.add(in.readNBytes(2));
                seen.add(in.readAllBytes());
            } catch (IOException e) {
                seen.add(e);
            }
        };
        try (SessionHarness h = new SessionHarness(config, s -> s.addMessageHandler(InputStream.class, handler))) {
            h.frame(Opcode.BINARY, false, new byte[] {1, 2, 3});
            assertEquals("opened", nextSeen());
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) nextSeen());
            h.frame(Opcode.CONTINUATION, false, new byte[] {4, 5});
            assertArrayEquals(new byte[] {4, 5}, (byte[]) nextSeen());
            h.frame(Opcode.CONTINUATION, true, new byte[] {6, 7, 8});
            assertArrayEquals(new byte[] {6, 7, 8}, (byte[]) nextSeen());
        }
    }

    @Test
    void whatAStreamHandlerLeavesUnreadIsDroppedAndTheNextMessageStartsClean() throws Exception {
        MessageHandler.Whole<Reader> handler = reader -> {
            try {
                seen.add(read(reader, 2));
            } catch (IOException e) {
                seen.add(e);
            }
        };
        try (SessionHarness h = new SessionHarness(config, s -> s.addMessageHandler(Reader.class, handler))) {
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("abcdef"));
            assertEquals("ab", nextSeen());
            h.frame(Opcode.CONTINUATION, true, SessionHarness.utf8("ghij"));
            h.text("xyz");
            assertEquals("xy", nextSeen());
            h.assertStillWorking();
        }
    }

    /**
     * The handler sits on its stream while the peer keeps sending: the session must stop reading
     * (the peer's bytes stay queued on the connection) instead of queueing the message in memory,
     * and pick up again once the handler reads on.
     */
    @Test
    void aSlowStreamReaderSuspendsReadingAndResumesWhenItCatchesUp() throws Exception {
        SessionLimits limits = SessionLimits.defaults().withQueues(4L << 20, 16 * 1024);
        CountDownLatch goOn = new CountDownLatch(1);
        AtomicLong total = new AtomicLong();
        MessageHandler.Whole<InputStream> handler = in -> {
            try {
                total.addAndGet(in.read() >= 0 ? 1 : 0);
                seen.add("blocked");
                goOn.await();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total.addAndGet(n);
                }
                seen.add("done");
            } catch (IOException | InterruptedException e) {
                seen.add(e);
            }
        };
        int frameSize = 64 * 1024;
        int frames = 16;
        try (SessionHarness h = new SessionHarness(config, limits, s -> s.addMessageHandler(InputStream.class, handler))) {
            h.frame(Opcode.BINARY, false, new byte[frameSize]);
            assertEquals("blocked", nextSeen());
            for (int i = 1; i < frames; i++) {
                h.frame(Opcode.CONTINUATION, i == frames - 1, new byte[frameSize]);
            }
            // 1 MiB sent against a 16 KiB backlog: reading stops, with most of it still waiting on the connection
            // (the chunk being delivered as reading stops, 64 KiB at most, is all that may follow).
            SessionHarness.awaitTrue(h.serverEnd::isReadingSuspended,
                    () -> "the session never stopped reading while its reader was stalled");
            assertTrue(h.peerEnd.queuedBytes() > frameSize * (frames / 2),
                    "the session kept reading while its reader was stalled: only " + h.peerEnd.queuedBytes() + " bytes queued");
            goOn.countDown();
            assertEquals("done", nextSeen());
            assertEquals((long) frameSize * frames, total.get());
            assertEquals(0, h.peerEnd.queuedBytes());
            h.assertStillWorking();
        }
    }

    @Test
    void aStreamCutShortByTheCloseOfTheConnectionFailsTheReadInsteadOfHanging() throws Exception {
        MessageHandler.Whole<Reader> handler = reader -> {
            try {
                seen.add(read(reader, 3));
                seen.add(read(reader, 100));
            } catch (IOException e) {
                seen.add(e);
            }
        };
        try (SessionHarness h = new SessionHarness(config, s -> s.addMessageHandler(Reader.class, handler))) {
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("abc"));
            assertEquals("abc", nextSeen());
            h.frame(Opcode.CLOSE, true, new byte[] {0x03, (byte) 0xE8});
            Object outcome = nextSeen();
            assertTrue(outcome instanceof IOException, "the reader failed: " + outcome);
            assertEquals(1000, h.closes.poll(WAIT_SECONDS, TimeUnit.SECONDS).getCloseCode().getCode());
        }
    }
}
