package org.bowline.container.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 6455 section 5.3: octet i of the payload is XORed with octet (i mod 4) of the key. */
class MaskerTest {

    private static final int KEY = 0x37FA213D;

    /** The definition from the RFC, one byte at a time, starting at key octet keyOffset. */
    private static byte[] reference(byte[] data, int key, int keyOffset) {
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            int j = (keyOffset + i) % 4;
            out[i] ^= (byte) (key >>> (24 - 8 * j));
        }
        return out;
    }

    /** after holds expected at from, and before's bytes everywhere else. */
    private static void assertOnlyRangeChanged(byte[] before, byte[] after, int from, byte[] expected, String where) {
        int end = from + expected.length;
        assertArrayEquals(expected, Arrays.copyOfRange(after, from, end), where);
        assertArrayEquals(Arrays.copyOfRange(before, 0, from), Arrays.copyOfRange(after, 0, from), where);
        assertArrayEquals(Arrays.copyOfRange(before, end, before.length), Arrays.copyOfRange(after, end, after.length), where);
    }

    private static ByteBuffer buffer(int capacity, boolean direct, ByteOrder order) {
        return (direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity)).order(order);
    }

    @Test
    void rfcExampleHelloMasksToTheDocumentedBytes() {
        ByteBuffer b = ByteBuffer.wrap("Hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, Masker.maskInPlace(b, KEY, 0));
        assertArrayEquals(new byte[] {0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58}, b.array());
    }

    @Test
    void maskInPlaceMatchesTheDefinitionAtEveryOffsetLengthAndAlignment() {
        Random r = new Random(1);
        for (boolean direct : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (int length = 0; length <= 40; length++) {
                    for (int keyOffset = 0; keyOffset < 4; keyOffset++) {
                        for (int start = 0; start < 9; start++) {
                            byte[] data = new byte[length];
                            r.nextBytes(data);
                            int key = r.nextInt();
                            ByteBuffer b = buffer(start + length + 5, direct, order);
                            byte[] guard = new byte[b.capacity()];
                            r.nextBytes(guard);
                            b.put(guard).clear();
                            b.position(start);
                            b.put(data).position(start).limit(start + length);

                            int next = Masker.maskInPlace(b, key, keyOffset);

                            String where = "len=" + length + " off=" + keyOffset + " start=" + start + " " + order + " direct=" + direct;
                            assertEquals((keyOffset + length) % 4, next, where);
                            assertEquals(start, b.position(), where);
                            assertEquals(order, b.order(), "the buffer's byte order is its own again: " + where);
                            byte[] all = new byte[b.capacity()];
                            b.clear().get(all);
                            assertOnlyRangeChanged(guard, all, start, reference(data, key, keyOffset), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void maskingTwiceRestoresTheData() {
        Random r = new Random(2);
        for (int length : new int[] {1, 3, 7, 8, 9, 15, 16, 17, 1001}) {
            byte[] data = new byte[length];
            r.nextBytes(data);
            for (int keyOffset = 0; keyOffset < 4; keyOffset++) {
                ByteBuffer b = ByteBuffer.wrap(data.clone());
                Masker.maskInPlace(b, KEY, keyOffset);
                Masker.maskInPlace(b, KEY, keyOffset);
                assertArrayEquals(data, b.array());
            }
        }
    }

    @Test
    void aReadOnlyBufferIsRefusedAndKeepsItsByteOrder() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer readOnly = ByteBuffer.allocateDirect(64).asReadOnlyBuffer().order(order);
            assertThrows(ReadOnlyBufferException.class, () -> Masker.maskInPlace(readOnly, KEY, 0));
            assertEquals(order, readOnly.order());
        }
    }

    @Test
    void maskingInChunksThreadingTheOffsetEqualsMaskingWhole() {
        Random r = new Random(3);
        for (int round = 0; round < 500; round++) {
            byte[] data = new byte[r.nextInt(200)];
            r.nextBytes(data);
            int key = r.nextInt();
            ByteBuffer b = ByteBuffer.wrap(data.clone());
            int offset = 0;
            int from = 0;
            while (from < data.length) {
                int to = Math.min(data.length, from + 1 + r.nextInt(13));
                b.limit(to).position(from);
                offset = Masker.maskInPlace(b, key, offset);
                from = to;
            }
            assertArrayEquals(reference(data, key, 0), b.array());
        }
    }

    @Test
    void maskIntoCopiesMaskedAndLeavesTheSourceUntouched() {
        Random r = new Random(4);
        for (ByteOrder srcOrder : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (ByteOrder dstOrder : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (int length = 0; length <= 33; length++) {
                    for (int keyOffset = 0; keyOffset < 4; keyOffset++) {
                        byte[] data = new byte[length];
                        r.nextBytes(data);
                        int key = r.nextInt();
                        ByteBuffer src = buffer(length + 3, length % 2 == 0, srcOrder);
                        src.position(3);
                        src.put(data).position(3);
                        ByteBuffer dst = buffer(length + 7, length % 3 == 0, dstOrder);
                        dst.position(5);

                        int next = Masker.maskInto(src, dst, key, keyOffset);

                        String where = "len=" + length + " off=" + keyOffset + " " + srcOrder + "->" + dstOrder;
                        assertEquals((keyOffset + length) % 4, next, where);
                        assertEquals(3 + length, src.position(), where);
                        assertEquals(5 + length, dst.position(), where);
                        byte[] srcAfter = new byte[length];
                        src.position(3);
                        src.get(srcAfter);
                        assertArrayEquals(data, srcAfter, where);
                        byte[] out = new byte[length];
                        dst.position(5);
                        dst.get(out);
                        assertArrayEquals(reference(data, key, keyOffset), out, where);
                    }
                }
            }
        }
    }

    @Test
    void maskIntoASmallerDestinationCopiesWhatFitsAndResumes() {
        byte[] data = new byte[50];
        new Random(5).nextBytes(data);
        ByteBuffer src = ByteBuffer.wrap(data.clone());
        ByteBuffer out = ByteBuffer.allocate(50);
        int offset = 0;
        while (src.hasRemaining()) {
            ByteBuffer dst = ByteBuffer.allocate(11);
            offset = Masker.maskInto(src, dst, KEY, offset);
            out.put(dst.flip());
        }
        assertArrayEquals(reference(data, KEY, 0), out.array());
        assertArrayEquals(data, src.array());
    }

    @Test
    void maskInPlaceOnASliceOfAnArrayMasksOnlyTheSlice() {
        // A slice's position 0 is not its array's index 0: masking must go by arrayOffset.
        Random r = new Random(6);
        for (int sliceStart = 0; sliceStart < 9; sliceStart++) {
            for (int length = 0; length <= 40; length++) {
                byte[] backing = new byte[sliceStart + length + 11];
                r.nextBytes(backing);
                byte[] before = backing.clone();
                ByteBuffer slice = ByteBuffer.wrap(backing, sliceStart, length + 3).slice();
                slice.position(2).limit(2 + length);

                Masker.maskInPlace(slice, KEY, 1);

                String where = "sliceStart=" + sliceStart + " len=" + length;
                int from = sliceStart + 2;
                byte[] expected = reference(Arrays.copyOfRange(before, from, from + length), KEY, 1);
                assertOnlyRangeChanged(before, backing, from, expected, where);
            }
        }
    }

    @Test
    void maskCopyIntoASliceOfAnArrayWritesOnlyItsRange() {
        Random r = new Random(8);
        for (int length = 0; length <= 33; length++) {
            byte[] data = new byte[length];
            r.nextBytes(data);
            byte[] backing = new byte[length + 20];
            r.nextBytes(backing);
            byte[] before = backing.clone();
            ByteBuffer dst = ByteBuffer.wrap(backing, 5, length + 10).slice();

            int next = Masker.maskCopy(ByteBuffer.wrap(data), 0, dst, 3, length, KEY, 2);

            String where = "len=" + length;
            assertEquals((2 + length) % 4, next, where);
            assertEquals(0, dst.position(), where);
            assertOnlyRangeChanged(before, backing, 8, reference(data, KEY, 2), where);
        }
    }

    @Test
    void keyOffsetOutsideZeroToThreeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Masker.maskInPlace(ByteBuffer.allocate(1), KEY, 4));
        assertThrows(IllegalArgumentException.class, () -> Masker.maskInto(ByteBuffer.allocate(1), ByteBuffer.allocate(1), KEY, -1));
    }
}
