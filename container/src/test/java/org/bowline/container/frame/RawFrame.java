package org.bowline.container.frame;

import java.io.ByteArrayOutputStream;

/**
 * Test-side frame encoder that can write anything, including headers the protocol forbids. It is
 * written independently of {@link FrameWriter} and {@link Masker} (plain byte loop) so that parser
 * tests do not trust the code under test to build their input.
 */
final class RawFrame {

    /** How the payload length is encoded. */
    enum LengthForm { MINIMAL, SIXTEEN, SIXTY_FOUR }

    boolean fin = true;
    int rsv;
    int opcode;
    boolean masked;
    int maskKey;
    byte[] payload = new byte[0];
    LengthForm lengthForm = LengthForm.MINIMAL;
    /** When set, the length written in the header instead of payload.length (any 64 bits). */
    Long announcedLength;

    static RawFrame of(int opcode, boolean fin, byte[] payload) {
        RawFrame f = new RawFrame();
        f.opcode = opcode;
        f.fin = fin;
        f.payload = payload.clone();
        return f;
    }

    RawFrame masked(int key) {
        masked = true;
        maskKey = key;
        return this;
    }

    RawFrame rsv(int bits) {
        rsv = bits;
        return this;
    }

    RawFrame lengthForm(LengthForm form) {
        lengthForm = form;
        return this;
    }

    RawFrame copy() {
        RawFrame f = new RawFrame();
        f.fin = fin;
        f.rsv = rsv;
        f.opcode = opcode;
        f.masked = masked;
        f.maskKey = maskKey;
        f.payload = payload.clone();
        f.lengthForm = lengthForm;
        f.announcedLength = announcedLength;
        return f;
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeHeader(out);
        for (int i = 0; i < payload.length; i++) {
            int keyByte = masked ? (maskKey >>> (24 - 8 * (i % 4))) & 0xFF : 0;
            out.write((payload[i] ^ keyByte) & 0xFF);
        }
        return out.toByteArray();
    }

    /** Just the header, e.g. to prove that a check fires before any payload arrives. */
    byte[] encodeHeader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeHeader(out);
        return out.toByteArray();
    }

    private void writeHeader(ByteArrayOutputStream out) {
        long length = announcedLength != null ? announcedLength : payload.length;
        out.write((fin ? 0x80 : 0) | rsv | opcode);
        int maskBit = masked ? 0x80 : 0;
        LengthForm form = lengthForm;
        if (form == LengthForm.MINIMAL) {
            boolean small = length >= 0 && length <= 125;
            form = small ? null : length >= 0 && length <= 0xFFFF ? LengthForm.SIXTEEN : LengthForm.SIXTY_FOUR;
        }
        if (form == null) {
            out.write(maskBit | (int) length);
        } else if (form == LengthForm.SIXTEEN) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8) & 0xFF);
            out.write((int) length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xFF);
            }
        }
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((maskKey >>> shift) & 0xFF);
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] concat(RawFrame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RawFrame f : frames) {
            out.writeBytes(f.encode());
        }
        return out.toByteArray();
    }
}
