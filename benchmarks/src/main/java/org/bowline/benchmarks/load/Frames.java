package org.bowline.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Client frames built once, masked once: the load generator sends read-only duplicates, so its cost
 * per message is a write, not framing or masking (it must never be what a row measures).
 */
final class Frames {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int PING = 0x9;
    private static final int MASK_KEY = 0x37FA213D;

    private Frames() {
    }

    /** One final frame carrying {@code size} bytes of 'a' (valid UTF-8 for a text frame), masked. */
    static ByteBuffer frame(int opcode, int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'a');
        return frame(opcode, payload);
    }

    static ByteBuffer frame(int opcode, byte[] payload) {
        int length = payload.length;
        int header = 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + 4;
        ByteBuffer frame = ByteBuffer.allocateDirect(header + length);
        frame.put((byte) (0x80 | opcode));
        if (length <= 125) {
            frame.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        frame.putInt(MASK_KEY);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ (MASK_KEY >>> (24 - 8 * (i & 3)))));
        }
        return frame.flip().asReadOnlyBuffer();
    }
}
