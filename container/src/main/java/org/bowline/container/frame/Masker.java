package org.bowline.container.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
        maskRange(buf, from, end, rotate(maskKey, keyOffset));
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
        // Copied first, then masked in place: the JDK's bulk copy and the masking loop each beat one loop doing
        // both, and dst is the caller's frame to change.
        dst.put(d, src, s, n);
        maskRange(dst, d, d + n, rotated);
        return (keyOffset + n) & 3;
    }

    // Masking is bytewise, so any word order does if the key word matches it: the machine's own spares a byte
    // swap per word. ByteBuffer.getLong/putLong in a loop is slow because every store might change the buffer's
    // own fields (address, limit, order), so C2 reads them again for each word; a VarHandle over the array has
    // only the elements left in the loop (ten times as fast at 64 KiB, MaskBenchmark), and over a direct buffer
    // it still does twice as well.
    private static final VarHandle ARRAY_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle BUFFER_LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** XORs buf's [from, end) in place with the key of 'rotated', its byte 0 first. */
    private static void maskRange(ByteBuffer buf, int from, int end, int rotated) {
        int i = buf.hasArray()
                ? maskWords(buf.array(), buf.arrayOffset() + from, buf.arrayOffset() + end, rotated) - buf.arrayOffset()
                : maskWords(buf, from, end, rotated);
        // Whole words never change the key phase, so the tail starts at key byte 0 of 'rotated'.
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            buf.put(i, (byte) (buf.get(i) ^ (rotated >>> shift)));
        }
    }

    /** XORs the whole words of array's [from, end) with the key word; returns the index after the last. */
    private static int maskWords(byte[] array, int from, int end, int rotated) {
        long word = wordMask(rotated, ByteOrder.nativeOrder());
        int last = end - Long.BYTES;
        int i = from;
        for (; i <= last; i += Long.BYTES) {
            ARRAY_LONGS.set(array, i, (long) ARRAY_LONGS.get(array, i) ^ word);
        }
        return i;
    }

    /** XORs the whole words of buf's [from, end) with the key word; returns the index after the last. */
    private static int maskWords(ByteBuffer buf, int from, int end, int rotated) {
        long word = wordMask(rotated, ByteOrder.nativeOrder());
        int last = end - Long.BYTES;
        int i = from;
        for (; i <= last; i += Long.BYTES) {
            BUFFER_LONGS.set(buf, i, (long) BUFFER_LONGS.get(buf, i) ^ word);
        }
        return i;
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
