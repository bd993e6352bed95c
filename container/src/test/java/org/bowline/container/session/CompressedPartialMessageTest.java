package org.bowline.container.session;

import static org.bowline.container.session.SessionHarness.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.extension.DeflateAgreement;
import org.bowline.container.extension.ExtensionHeader;
import org.bowline.container.extension.PerMessageDeflate;
import org.bowline.container.frame.FrameHeader;
import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.Test;

/**
 * Partial delivery of permessage-deflate messages (RFC 7692 with Jakarta's Partial handlers):
 * parts are delivered per inflated frame, and the inflate limit bounds each frame rather than
 * the message, so a long compressed message reaches a partial handler while a whole handler
 * still gets 1009.
 */
class CompressedPartialMessageTest {

    private final BlockingQueue<Object> delivered = new LinkedBlockingQueue<>();
    private final ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/test").build();
    private final SessionLimits limits = SessionLimits.defaults().withMaxMessageBytes(1000, 1000);

    private static DeflateAgreement deflate() {
        return PerMessageDeflate.negotiateServer(ExtensionHeader.parse(List.of("permessage-deflate"))).orElseThrow();
    }

    /** Compresses one message into frames, one per chunk, as a permessage-deflate peer sends it. */
    private static void sendCompressed(SessionHarness h, int opcode, byte[]... chunks) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        for (int i = 0; i < chunks.length; i++) {
            boolean last = i == chunks.length - 1;
            deflater.setInput(chunks[i]);
            byte[] out = new byte[chunks[i].length + 64];
            int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            if (last) {
                n -= 4; // RFC 7692 7.2.1: the final 00 00 ff ff is not sent
            }
            h.frame(i == 0 ? opcode : Opcode.CONTINUATION, last, i == 0 ? FrameHeader.RSV1 : 0, Arrays.copyOf(out, n));
        }
        deflater.end();
    }

    private Object nextDelivered() throws InterruptedException {
        Object o = delivered.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(o, "nothing delivered in time");
        return o;
    }

    @Test
    void aCompressedMessageLongerThanTheBufferSizeReachesAPartialHandlerFrameByFrame() throws Exception {
        byte[] chunk = "z".repeat(800).getBytes();
        try (SessionHarness h = new SessionHarness(config, limits, deflate(),
                s -> s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (p, last) -> delivered.add(p.length() + ":" + last)))) {
            sendCompressed(h, Opcode.TEXT, chunk, chunk, chunk, chunk, chunk);
            int total = 0;
            int parts = 0;
            String part;
            do {
                part = (String) nextDelivered();
                total += Integer.parseInt(part.substring(0, part.indexOf(':')));
                parts++;
            } while (part.endsWith(":false"));
            assertEquals(4000, total);
            assertTrue(parts >= 5, "at least a part per frame, got " + parts);
            assertTrue(h.session.isOpen());
            assertTrue(h.errors.isEmpty(), String.valueOf(h.errors));
        }
    }

    @Test
    void theSameMessageToAWholeHandlerIsTooBig() throws Exception {
        byte[] chunk = "z".repeat(800).getBytes();
        try (SessionHarness h = new SessionHarness(config, limits, deflate(),
                s -> s.addMessageHandler(String.class, (MessageHandler.Whole<String>) delivered::add))) {
            sendCompressed(h, Opcode.TEXT, chunk, chunk);
            assertEquals(1009, h.closes.poll(WAIT_SECONDS, TimeUnit.SECONDS).getCloseCode().getCode());
        }
    }

    @Test
    void oneFrameInflatingBeyondTheLimitStillFailsAStreamedMessage() throws Exception {
        byte[] bomb = new byte[5000];
        try (SessionHarness h = new SessionHarness(config, limits, deflate(),
                s -> s.addMessageHandler(byte[].class, (MessageHandler.Partial<byte[]>) (p, last) -> delivered.add(p.length)))) {
            sendCompressed(h, Opcode.BINARY, bomb);
            assertEquals(1009, h.closes.poll(WAIT_SECONDS, TimeUnit.SECONDS).getCloseCode().getCode());
        }
    }
}
