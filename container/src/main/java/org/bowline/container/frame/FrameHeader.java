package org.bowline.container.frame;

/** Bit layout of the RFC 6455 section 5.2 frame header. */
public final class FrameHeader {

    /** Byte 0: final fragment of a message. */
    public static final int FIN = 0x80;
    /** Byte 0: reserved bit 1 (permessage-deflate's "compressed" bit, RFC 7692). */
    public static final int RSV1 = 0x40;
    /** Byte 0: reserved bit 2. */
    public static final int RSV2 = 0x20;
    /** Byte 0: reserved bit 3. */
    public static final int RSV3 = 0x10;
    /** Byte 0: all three reserved bits. */
    public static final int RSV_BITS = RSV1 | RSV2 | RSV3;
    /** Byte 0: the opcode. */
    public static final int OPCODE_BITS = 0x0F;
    /** Byte 1: the payload is masked. */
    public static final int MASK = 0x80;
    /** Byte 1: the 7-bit payload length (126 and 127 announce 16- and 64-bit extended lengths). */
    public static final int LENGTH_BITS = 0x7F;
    /** Largest payload a control frame may carry (section 5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private FrameHeader() {
    }
}
