package org.bowline.container.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameWriterTest {

    private static byte[] header(boolean fin, int rsv, int opcode, long length, boolean masked, int key) {
        ByteBuffer b = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH);
        FrameWriter.writeHeader(b, fin, rsv, opcode, length, masked, key);
        assertEquals(FrameWriter.headerLength(length, masked), b.position());
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void rfc6455Section57Examples() {
        assertArrayEquals(hex("8105"), header(true, 0, Opcode.TEXT, 5, false, 0));
        assertArrayEquals(hex("818537fa213d"), header(true, 0, Opcode.TEXT, 5, true, 0x37fa213d));
        assertArrayEquals(hex("0103"), header(false, 0, Opcode.TEXT, 3, false, 0));
        assertArrayEquals(hex("8002"), header(true, 0, Opcode.CONTINUATION, 2, false, 0));
        assertArrayEquals(hex("8905"), header(true, 0, Opcode.PING, 5, false, 0));
        assertArrayEquals(hex("827e0100"), header(true, 0, Opcode.BINARY, 256, false, 0));
        assertArrayEquals(hex("827f0000000000010000"), header(true, 0, Opcode.BINARY, 65536, false, 0));
    }

    @Test
    void rsvBitsLandInTheFirstByte() {
        assertArrayEquals(hex("c100"), header(true, FrameHeader.RSV1, Opcode.TEXT, 0, false, 0));
        assertArrayEquals(hex("3200"), header(false, FrameHeader.RSV2 | FrameHeader.RSV3, Opcode.BINARY, 0, false, 0));
    }

    @Test
    void headerLengthSwitchesEncodingAtTheRfcBoundaries() {
        assertEquals(2, FrameWriter.headerLength(0, false));
        assertEquals(2, FrameWriter.headerLength(125, false));
        assertEquals(4, FrameWriter.headerLength(126, false));
        assertEquals(4, FrameWriter.headerLength(65535, false));
        assertEquals(10, FrameWriter.headerLength(65536, false));
        assertEquals(14, FrameWriter.headerLength(Long.MAX_VALUE, true));
        assertEquals(6, FrameWriter.headerLength(125, true));
        assertArrayEquals(hex("827f7fffffffffffffff"), header(true, 0, Opcode.BINARY, Long.MAX_VALUE, false, 0));
    }

    @Test
    void maskKeyIsBigEndianWhateverTheBufferOrder() {
        ByteBuffer b = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        FrameWriter.writeHeader(b, true, 0, Opcode.BINARY, 1, true, 0x01020304);
        assertArrayEquals(hex("828101020304"), b.array());
    }

    @Test
    void forbiddenHeadersAreRejectedAndNothingIsWrittenWithoutRoom() {
        ByteBuffer b = ByteBuffer.allocate(14);
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.writeHeader(b, true, 0, 3, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.writeHeader(b, true, 0x80, Opcode.TEXT, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.writeHeader(b, false, 0, Opcode.PING, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.writeHeader(b, true, 0, Opcode.CLOSE, 126, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.writeHeader(b, true, 0, Opcode.TEXT, -1, false, 0));
        ByteBuffer small = ByteBuffer.allocate(5);
        assertThrows(BufferOverflowException.class, () -> FrameWriter.writeHeader(small, true, 0, Opcode.TEXT, 1, true, 1));
        assertEquals(0, small.position());
    }

    @Test
    void writtenFramesParseBackInBothRoles() throws Exception {
        Random r = new Random(9);
        MaskKeys keys = new MaskKeys();
        for (Role role : Role.values()) {
            boolean masked = role == Role.SERVER;
            RecordingHandler h = new RecordingHandler();
            FrameParser parser = new FrameParser(role, h);
            for (int length : new int[] {0, 1, 125, 126, 65535, 65536}) {
                byte[] payload = new byte[length];
                r.nextBytes(payload);
                ByteBuffer wire = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH + length);
                int key = keys.next();
                FrameWriter.writeHeader(wire, true, 0, Opcode.BINARY, length, masked, key);
                ByteBuffer src = ByteBuffer.wrap(payload);
                if (masked) {
                    Masker.maskInto(src, wire, key, 0);
                } else {
                    wire.put(src);
                }
                parser.parse(wire.flip());
                int n = h.events.size();
                assertEquals(List.of("start op=2 fin=true rsv=0 len=" + length, "data " + HexFormat.of().formatHex(payload),
                        "end fin=true"), h.events.subList(n - 3, n), role + " " + length);
            }
        }
    }
}
