package org.bowline.container.extension;

import static org.bowline.container.extension.DeflateTestSupport.agree;
import static org.bowline.container.extension.DeflateTestSupport.bytes;
import static org.bowline.container.extension.DeflateTestSupport.hex;
import static org.bowline.container.extension.DeflateTestSupport.inflateMessage;
import static org.bowline.container.extension.DeflateTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.bowline.container.frame.CloseCodes;
import org.bowline.container.frame.ProtocolException;
import org.junit.jupiter.api.Test;

/** RFC 6455 1009 for oversized inflated messages (decompression bombs) and 1007 for corrupt data. */
class MessageInflaterLimitsTest {

    private static final long BOMB_SIZE = 100L * 1024 * 1024;

    /** 100 MiB of zeros as one compressed message, compressed in slices so the test stays small. */
    private static byte[] zeroBomb() {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MessageDeflater deflater = agree("permessage-deflate").newDeflater(false)) {
            for (long done = 0; done < BOMB_SIZE; done += zeros.capacity()) {
                zeros.clear();
                out.writeBytes(bytes(deflater.deflate(zeros, done + zeros.capacity() >= BOMB_SIZE)));
            }
        }
        return out.toByteArray();
    }

    @Test
    void decompressionBombFailsWith1009WhileAllocatingOnlyBoundedMemory() {
        byte[] bomb = zeroBomb();
        assertTrue(bomb.length < 200 * 1024, "bomb is " + bomb.length + " bytes");
        long limit = 1 << 20;
        DeflateTestSupport.Collector sink = new DeflateTestSupport.Collector();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (MessageInflater inflater = agree("permessage-deflate").newInflater(true, limit)) {
            long before = threads.getCurrentThreadAllocatedBytes();
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> inflater.inflate(ByteBuffer.wrap(bomb), sink));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(CloseCodes.TOO_BIG, e.closeCode());
            // the sink (which copies) saw at most the limit; the inflater itself only its chunk
            assertTrue(sink.out.size() <= limit, "delivered " + sink.out.size());
            assertTrue(sink.largestChunk <= MessageInflater.CHUNK_SIZE);
            assertTrue(allocated < 8L * limit, "allocated " + allocated + " bytes");
        }
    }

    @Test
    void limitCountsTheWholeMessageAcrossFrames() throws Exception {
        byte[] message = text(1, 10_000);
        DeflateAgreement agreement = agree("permessage-deflate");
        try (MessageDeflater deflater = agreement.newDeflater(false);
             MessageInflater inflater = agreement.newInflater(true, message.length)) {
            byte[] a = bytes(deflater.deflate(ByteBuffer.wrap(message, 0, 6000), false));
            byte[] b = bytes(deflater.deflate(ByteBuffer.wrap(message, 6000, 4000), true));
            // exactly the limit passes, and the count starts again with the next message
            assertArrayEquals(message, inflateMessage(inflater, a, b));
            assertArrayEquals(message, inflateMessage(inflater,
                    bytes(deflater.deflate(ByteBuffer.wrap(message), true))));
            byte[] c = bytes(deflater.deflate(ByteBuffer.wrap(message, 0, 6000), false));
            byte[] d = bytes(deflater.deflate(ByteBuffer.wrap(concatOneMore(message), 6000, 4001), true));
            ProtocolException e = assertThrows(ProtocolException.class, () -> inflateMessage(inflater, c, d));
            assertEquals(CloseCodes.TOO_BIG, e.closeCode());
        }
    }

    private static byte[] concatOneMore(byte[] message) {
        byte[] out = java.util.Arrays.copyOf(message, message.length + 1);
        out[message.length] = 'x';
        return out;
    }

    @Test
    void reservedBlockTypeFailsWith1007() {
        try (MessageInflater inflater = agree("permessage-deflate").newInflater(true, 1 << 20)) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> inflateMessage(inflater, hex("ff ff ff ff")));
            assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
        }
    }

    @Test
    void storedBlockWithWrongLengthCheckFailsWith1007() {
        try (MessageInflater inflater = agree("permessage-deflate").newInflater(true, 1 << 20)) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> inflateMessage(inflater, hex("00 05 00 00 00 48 65 6c 6c 6f")));
            assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
        }
    }

    @Test
    void backReferenceBeforeTheStartFailsWith1007() {
        // fixed-Huffman block whose first symbol is a length/distance pair: nothing to copy from
        try (MessageInflater inflater = agree("permessage-deflate").newInflater(true, 1 << 20)) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> inflateMessage(inflater, hex("02 02 00")));
            assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
        }
    }

    @Test
    void emptyCompressedPayloadIsAnEmptyMessage() throws Exception {
        DeflateAgreement agreement = agree("permessage-deflate");
        try (MessageDeflater deflater = agreement.newDeflater(false);
             MessageInflater inflater = agreement.newInflater(true, 100)) {
            assertArrayEquals(new byte[0], inflateMessage(inflater));
            assertArrayEquals(new byte[0], inflateMessage(inflater, new byte[0]));
            byte[] hello = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertArrayEquals(hello, inflateMessage(inflater, bytes(deflater.deflate(ByteBuffer.wrap(hello), true))));
        }
    }

    @Test
    void closedInflaterRefusesWork() {
        MessageInflater inflater = agree("permessage-deflate").newInflater(true, 100);
        inflater.close();
        inflater.close();
        assertThrows(IllegalStateException.class, () -> inflater.inflate(ByteBuffer.wrap(hex("00")), chunk -> { }));
    }
}
