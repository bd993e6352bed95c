package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bowline.container.extension.ExtensionHeader;
import org.bowline.container.extension.PerMessageDeflate;
import org.bowline.container.frame.FrameHeader;
import org.bowline.container.frame.FrameParser;
import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.ProtocolException;
import org.bowline.container.frame.Role;
import org.junit.jupiter.api.Test;

/**
 * Whole binary messages as the assembler builds them: intact whatever the reads and frames, and held in an
 * array that never runs ahead of what the peer has sent by more than four times (beyond the first megabyte, or
 * the biggest message it sent whole before).
 */
class InboundAssemblerTest {

    private static final int READ = 64 * 1024;
    private static final long LIMIT = 64L << 20;

    private final List<ByteBuffer> delivered = new ArrayList<>();
    private final InboundAssembler assembler = new InboundAssembler(new Collecting(),
            null, new InboundLimits(SessionLimits.defaults().withMaxMessageBytes(LIMIT, LIMIT)));
    private final FrameParser parser = new FrameParser(Role.SERVER, assembler);

    {
        parser.setMaxFramePayload(LIMIT);
    }

    @Test
    void aBigOneFrameMessageArrivesIntactAndExactlyAsLongAsAnnounced() throws ProtocolException {
        byte[] message = random(5 * (1 << 20) + 3);

        feed(frame(true, Opcode.BINARY, message), READ);

        assertEquals(1, delivered.size());
        ByteBuffer got = delivered.get(0);
        assertEquals(message.length, got.remaining());
        assertArrayEquals(message, bytes(got));
        // Doubling from the first megabyte would have ended at 8 MiB: the last frame announced its length.
        assertEquals(message.length, got.array().length, "room for the message and no more");
    }

    @Test
    void aPeerThatAnnouncesABigFrameAndStallsPinsAtMostFourTimesWhatItSent() throws ProtocolException {
        byte[] frame = frame(true, Opcode.BINARY, random(32 << 20));
        int header = frame.length - (32 << 20);
        int sent = 0;
        for (int at = 0; at < frame.length; at += READ) {
            int n = Math.min(READ, frame.length - at);
            parser.parse(ByteBuffer.wrap(frame, at, n));
            sent = Math.max(0, at + n - header);
            int capacity = assembler.assemblyCapacity();
            assertTrue(capacity >= sent || delivered.size() == 1, "room for what came: " + capacity + " < " + sent);
            assertTrue(capacity <= Math.max(1 << 20, 4L * sent),
                    "after " + sent + " bytes of a 32 MiB frame the assembler holds room for " + capacity);
        }
        assertEquals(1, delivered.size());
        assertEquals(32 << 20, delivered.get(0).remaining());
    }

    @Test
    void afterABigMessageTheNextAsBigGetsItsRoomAtOnce() throws ProtocolException {
        byte[] first = random(5 * (1 << 20) + 3);
        byte[] second = random(5 * (1 << 20) + 1);
        feed(frame(true, Opcode.BINARY, first), READ);

        byte[] wire = frame(true, Opcode.BINARY, second);
        parser.parse(ByteBuffer.wrap(wire, 0, READ));
        assertEquals(second.length, assembler.assemblyCapacity(), "room for all of it after its first read");
        parser.parse(ByteBuffer.wrap(wire, READ, wire.length - READ));

        assertEquals(2, delivered.size());
        assertArrayEquals(second, bytes(delivered.get(1)));
        assertEquals(second.length, delivered.get(1).array().length, "never grown, never more than announced");
    }

    @Test
    void aPeerThatStallsAfterABigMessagePinsNoMoreThanThatMessageOrFourTimesWhatItSent() throws ProtocolException {
        feed(frame(true, Opcode.BINARY, random(3 << 20)), READ);
        byte[] frame = frame(true, Opcode.BINARY, random(32 << 20));
        int header = frame.length - (32 << 20);
        for (int at = 0; at < frame.length; at += READ) {
            int n = Math.min(READ, frame.length - at);
            parser.parse(ByteBuffer.wrap(frame, at, n));
            int sent = Math.max(0, at + n - header);
            int capacity = assembler.assemblyCapacity();
            assertTrue(capacity <= Math.max(3 << 20, 4L * sent) || delivered.size() == 2,
                    "after " + sent + " bytes of a 32 MiB frame the assembler holds room for " + capacity);
        }
        assertEquals(2, delivered.size());
        assertEquals(32 << 20, delivered.get(1).remaining());
    }

    @Test
    void aCompressedMessageEarnsNoRoomForTheNext() throws ProtocolException {
        InboundAssembler inflating = new InboundAssembler(new Collecting(),
                PerMessageDeflate.negotiateServer(ExtensionHeader.parse(List.of("permessage-deflate")))
                        .orElseThrow().newInflater(true, LIMIT),
                new InboundLimits(SessionLimits.defaults().withMaxMessageBytes(LIMIT, LIMIT)));
        FrameParser compressedParser = new FrameParser(Role.SERVER, inflating);
        compressedParser.setMaxFramePayload(LIMIT);
        compressedParser.setAllowedRsv(FrameHeader.RSV1);
        byte[] zeros = new byte[8 << 20];
        compressedParser.parse(ByteBuffer.wrap(CompressedInboundFuzzTest.compressed(Opcode.BINARY, zeros, 1)));
        assertEquals(1, delivered.size());
        assertEquals(zeros.length, delivered.get(0).remaining(), "8 MiB inflated from a few KiB");

        byte[] frame = frame(true, Opcode.BINARY, random(16 << 20));
        compressedParser.parse(ByteBuffer.wrap(frame, 0, READ));
        assertEquals(1 << 20, inflating.assemblyCapacity(), "the first megabyte, as for any peer");
        inflating.release();
    }

    @Test
    void aMessageInManySmallFramesGrowsGeometricallyAndArrivesIntact() throws ProtocolException {
        byte[] message = random(3 << 20);
        int per = 40_000;
        int grows = 0;
        int capacity = 0;
        for (int at = 0; at < message.length; at += per) {
            int n = Math.min(per, message.length - at);
            byte[] part = new byte[n];
            System.arraycopy(message, at, part, 0, n);
            feed(frame(at + n == message.length, at == 0 ? Opcode.BINARY : Opcode.CONTINUATION, part), READ);
            int now = assembler.assemblyCapacity();
            if (now != capacity && now != 0) {
                grows++;
                assertTrue(capacity == 0 || now >= 2L * capacity || at + n == message.length,
                        "a frame that is not the last grew " + capacity + " only to " + now);
            }
            capacity = now;
        }
        assertTrue(grows <= 8, "grew " + grows + " times for 3 MiB in 40,000-byte frames");
        assertEquals(1, delivered.size());
        assertArrayEquals(message, bytes(delivered.get(0)));
    }

    private void feed(byte[] wire, int read) throws ProtocolException {
        for (int at = 0; at < wire.length; at += read) {
            parser.parse(ByteBuffer.wrap(wire, at, Math.min(read, wire.length - at)));
        }
    }

    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return WholeMessageListener.frame(fin, 0, opcode, payload);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private final class Collecting extends WholeMessageListener {
        @Override
        public void onText(String text) {
            throw new AssertionError("no text was sent");
        }

        @Override
        public void onBinary(ByteBuffer data) {
            delivered.add(data);
        }
    }
}
