package org.bowline.container.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * RFC 6455 section 5.3 masking: byte i of a payload is XORed with byte (i mod 4) of the masking
 * key. Works eight bytes at a time because masking sits on the hot path of every client frame
 * sent and every server frame received.
 */
public final class Masker {

    private Masker() {
    }

    /**
     * XORs [position, limit) of buf in place with the 4-byte key (big-endian int, byte 0 =
     * key >>> 24) starting at key offset keyOffset (0..3); position is unchanged; returns the key
     * offset after the last byte. Word-at-a-time.
     */
    public static int maskInPlace(ByteBuffer buf, int maskKey, int keyOffset) {
        int from = buf.position();
        int end = buf.limit();
        int rotated = rotate(maskKey, keyOffset);
        // Masking is bytewise, so any word order does if the key word matches it: the machine's own spares a
        // byte swap per word each way (buffers default to big-endian). The order is the buffer's again after.
        ByteOrder order = buf.order();
        buf.order(ByteOrder.nativeOrder());
        long word = wordMask(rotated, ByteOrder.nativeOrder());
        int i = from;
        try {
            for (; end - i >= Long.BYTES; i += Long.BYTES) {
                buf.putLong(i, buf.getLong(i) ^ word);
            }
        } finally {
            buf.order(order);
        }
        // Whole words never change the key phase, so the tail starts at key byte 0 of 'rotated'.
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            buf.put(i, (byte) (buf.get(i) ^ (rotated >>> shift)));
        }
        return (keyOffset + (end - from)) & 3;
    }

    /**
     * Copies src's remaining bytes masked into dst (src untouched; both positions advance). Used
     * for outbound client frames so the application's buffer is never modified. When dst has less
     * room than src has bytes, copies as many as fit (src keeps the rest); returns the key offset
     * after the last byte copied.
     */
    public static int maskInto(ByteBuffer src, ByteBuffer dst, int maskKey, int keyOffset) {
        int n = Math.min(src.remaining(), dst.remaining());
        int s = src.position();
        int d = dst.position();
        int next = maskCopy(src, s, dst, d, n, maskKey, keyOffset);
        src.position(s + n);
        dst.position(d + n);
        return next;
    }

    /**
     * Copies {@code length} bytes of src from index {@code s} masked into dst at index {@code d}, using and
     * changing neither buffer's position (so a caller's buffer needs no duplicate to be read from); returns
     * the key offset after the last byte. Throws IndexOutOfBoundsException when either range is outside its
     * buffer's limit.
     */
    public static int maskCopy(ByteBuffer src, int s, ByteBuffer dst, int d, int length, int maskKey, int keyOffset) {
        int n = length;
        Objects.checkFromIndexSize(s, n, src.limit());
        Objects.checkFromIndexSize(d, n, dst.limit());
        int rotated = rotate(maskKey, keyOffset);
        long word = wordMask(rotated, dst.order());
        // A word read in src's order lands byte-for-byte in dst only if both orders agree.
        boolean swap = src.order() != dst.order();
        int k = 0;
        for (; n - k >= Long.BYTES; k += Long.BYTES) {
            long v = src.getLong(s + k);
            dst.putLong(d + k, (swap ? Long.reverseBytes(v) : v) ^ word);
        }
        for (int shift = 24; k < n; k++, shift = (shift - 8) & 31) {
            dst.put(d + k, (byte) (src.get(s + k) ^ (rotated >>> shift)));
        }
        return (keyOffset + n) & 3;
    }

    /** The key as seen from offset keyOffset: its byte keyOffset becomes byte 0. */
    private static int rotate(int maskKey, int keyOffset) {
        if ((keyOffset & ~3) != 0) {
            throw new IllegalArgumentException("key offset must be 0..3: " + keyOffset);
        }
        return Integer.rotateLeft(maskKey, keyOffset << 3);
    }

    /** Two copies of the key laid out so getLong/putLong in the given order meet key byte 0 first. */
    private static long wordMask(int rotated, ByteOrder order) {
        long word = ((long) rotated << 32) | (rotated & 0xFFFF_FFFFL);
        return order == ByteOrder.BIG_ENDIAN ? word : Long.reverseBytes(word);
    }
}
