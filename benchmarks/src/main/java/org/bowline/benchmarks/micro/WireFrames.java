package org.bowline.benchmarks.micro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.bowline.container.frame.FrameWriter;
import org.bowline.container.frame.Masker;

/** Inputs the microbenchmarks share: masked client frames and text payloads. */
final class WireFrames {

    static final int MASK_KEY = 0x1B2C3D4E;

    private WireFrames() {
    }

    /** One final masked frame, as a client sends it. */
    static byte[] maskedFrame(int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(FrameWriter.headerLength(payload.length, true) + payload.length);
        FrameWriter.writeHeader(frame, true, 0, opcode, payload.length, true, MASK_KEY);
        Masker.maskInto(ByteBuffer.wrap(payload), frame, MASK_KEY, 0);
        return frame.array();
    }

    /** {@code size} bytes of chat-like ASCII text. */
    static byte[] ascii(int size) {
        return repeat("{\"user\":\"ada\",\"text\":\"the quick brown fox jumps over the lazy dog\",\"seq\":12345}\n", size);
    }

    /** {@code size} bytes of text where most characters take 2 to 4 bytes in UTF-8 (cut on a character boundary). */
    static byte[] multibyte(int size) {
        byte[] unit = "héllo wörld — Ünïcödé 日本語のテキスト 😀🚀 ".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[size];
        int n = 0;
        while (n + unit.length <= size) {
            System.arraycopy(unit, 0, out, n, unit.length);
            n += unit.length;
        }
        while (n < size) {
            out[n++] = 'x';   // ASCII padding keeps it valid
        }
        return out;
    }

    private static byte[] repeat(String unit, int size) {
        byte[] u = unit.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = u[i % u.length];
        }
        return out;
    }
}
