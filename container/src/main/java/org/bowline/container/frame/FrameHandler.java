package org.bowline.container.frame;

import java.nio.ByteBuffer;

/**
 * Receives the events of a {@link FrameParser}. Buffers handed to a callback are only valid during
 * that call: they alias the parser's input or its internal control-frame array.
 */
public interface FrameHandler {

    /**
     * A data frame header (opcode TEXT, BINARY or CONTINUATION) was read and validated. rsv = the
     * three RSV bits exactly as in header byte 0 ({@link FrameHeader#RSV1}=0x40,
     * {@link FrameHeader#RSV2}=0x20, {@link FrameHeader#RSV3}=0x10).
     */
    void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) throws ProtocolException;

    /**
     * Unmasked payload bytes of the current data frame, between position and limit; valid only
     * during the call. Zero-length frames get no onDataPayload call.
     */
    void onDataPayload(ByteBuffer payload) throws ProtocolException;

    /** The current data frame's payload has been delivered completely. */
    void onDataFrameEnd(boolean fin) throws ProtocolException;

    /**
     * A whole control frame (CLOSE, PING, PONG), payload unmasked (0..125 bytes) between position
     * and limit, valid only during the call. A CLOSE payload has already been validated.
     */
    void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException;
}
