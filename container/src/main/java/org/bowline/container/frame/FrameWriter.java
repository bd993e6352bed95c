package org.bowline.container.frame;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes RFC 6455 frame headers. Only the header: the payload follows it in the same gathered
 * write (masked with {@link Masker#maskInto} on the client side), so nothing is copied twice.
 */
public final class FrameWriter {

    /** 2 header bytes + 8 bytes of 64-bit length + 4 bytes of masking key. */
    public static final int MAX_HEADER_LENGTH = 14;

    private FrameWriter() {
    }

    /** Header size for a payload of this length, using the minimal length encoding. */
    public static int headerLength(long payloadLength, boolean masked) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length: " + payloadLength);
        }
        int length = payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? length + 4 : length;
    }

    /**
     * Writes the header (with the 4 mask-key bytes when masked) at dst's position, advancing it.
     * rsv as in {@link FrameHeader}. Throws IllegalArgumentException for a header the protocol
     * forbids (bad opcode or RSV bits, a fragmented or oversized control frame) and
     * BufferOverflowException, before writing anything, when dst lacks room.
     */
    public static void writeHeader(ByteBuffer dst, boolean fin, int rsv, int opcode, long payloadLength,
            boolean masked, int maskKey) {
        if ((rsv & ~FrameHeader.RSV_BITS) != 0) {
            throw new IllegalArgumentException("not RSV bits: 0x" + Integer.toHexString(rsv));
        }
        if (opcode < 0 || opcode > 0xF || !Opcode.isDefined(opcode)) {
            throw new IllegalArgumentException("undefined opcode: " + opcode);
        }
        if (Opcode.isControl(opcode) && (!fin || payloadLength > FrameHeader.MAX_CONTROL_PAYLOAD)) {
            throw new IllegalArgumentException("control frames must be final and carry at most 125 bytes");
        }
        int length = headerLength(payloadLength, masked);
        if (dst.remaining() < length) {
            throw new BufferOverflowException();
        }
        dst.put((byte) ((fin ? FrameHeader.FIN : 0) | rsv | opcode));
        int maskBit = masked ? FrameHeader.MASK : 0;
        if (payloadLength <= 125) {
            dst.put((byte) (maskBit | payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            dst.put((byte) (maskBit | 126));
            dst.put((byte) (payloadLength >>> 8));
            dst.put((byte) payloadLength);
        } else {
            dst.put((byte) (maskBit | 127));
            for (int shift = 56; shift >= 0; shift -= 8) {
                dst.put((byte) (payloadLength >>> shift));
            }
        }
        if (masked) {
            // Byte by byte so the key lands big-endian whatever dst's byte order is.
            dst.put((byte) (maskKey >>> 24));
            dst.put((byte) (maskKey >>> 16));
            dst.put((byte) (maskKey >>> 8));
            dst.put((byte) maskKey);
        }
    }
}
