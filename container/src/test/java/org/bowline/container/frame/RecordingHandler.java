package org.bowline.container.frame;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Records parser events as strings. A data frame's payload chunks are joined into one "data" event so
 * that the record does not depend on how the input was chunked; the number of payload calls is kept
 * apart for tests about streaming.
 */
final class RecordingHandler implements FrameHandler {

    final List<String> events = new ArrayList<>();
    int payloadCalls;
    private ByteArrayOutputStream frame;

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
        if (frame != null) {
            fail("frame start while another data frame is open");
        }
        events.add("start op=" + opcode + " fin=" + fin + " rsv=" + Integer.toHexString(rsv) + " len=" + payloadLength);
        frame = new ByteArrayOutputStream();
    }

    @Override
    public void onDataPayload(ByteBuffer payload) {
        assertTrue(payload.hasRemaining(), "payload calls must carry bytes");
        payloadCalls++;
        frame.writeBytes(bytes(payload));
    }

    @Override
    public void onDataFrameEnd(boolean fin) {
        events.add("data " + HexFormat.of().formatHex(frame.toByteArray()));
        events.add("end fin=" + fin);
        frame = null;
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) {
        events.add("control op=" + opcode + " " + HexFormat.of().formatHex(bytes(payload)));
    }

    /** Copies remaining bytes without moving the position. */
    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
