package org.bowline.container.session;

import java.nio.ByteBuffer;

import org.bowline.container.frame.FrameWriter;
import org.bowline.container.frame.Masker;

/**
 * For tests that drive an {@link InboundAssembler} themselves: has every message assembled whole and ignores
 * control frames, leaving the two whole-message callbacks to the test. Also builds the masked frames such
 * tests feed it.
 */
abstract class WholeMessageListener implements InboundListener {

    static final int MASK_KEY = 0x0BAD_F00D;

    @Override
    public InboundAssembler.PartSink onMessageStart(boolean text) {
        return null;
    }

    @Override
    public void onPing(ByteBuffer payload) {
    }

    @Override
    public void onPong(ByteBuffer payload) {
    }

    @Override
    public void onClose(int code, String reason) {
    }

    /** One client frame (masked with {@link #MASK_KEY}) as bytes on the wire. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH + payload.length);
        FrameWriter.writeHeader(frame, fin, rsv, opcode, payload.length, true, MASK_KEY);
        Masker.maskInto(ByteBuffer.wrap(payload), frame, MASK_KEY, 0);
        frame.flip();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }
}
