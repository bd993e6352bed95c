package org.bowline.container.extension;

import java.util.Arrays;

/**
 * Test helper: an independent raw-DEFLATE decoder (RFC 1951) that also reports the longest
 * back-reference distance, so tests can prove output honours a negotiated LZ77 window. It
 * expects a stream that ends on a byte boundary, as every permessage-deflate message does once
 * its 00 00 ff ff tail is appended again.
 */
final class DeflateStreamScanner {

    record Result(byte[] output, int maxDistance, int backReferences) {
    }

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private final byte[] in;
    private int pos;
    private int bitBuffer;
    private int bitCount;
    private byte[] window = new byte[1024];
    private int size;
    private int maxDistance;
    private int backReferences;

    private DeflateStreamScanner(byte[] in) {
        this.in = in;
    }

    static Result scan(byte[] rawDeflate) {
        DeflateStreamScanner s = new DeflateStreamScanner(rawDeflate);
        s.run();
        return new Result(Arrays.copyOf(s.window, s.size), s.maxDistance, s.backReferences);
    }

    private void run() {
        while (pos < in.length) {
            int last = bits(1);
            int type = bits(2);
            switch (type) {
                case 0 -> stored();
                case 1 -> codes(fixedLiterals(), fixedDistances());
                case 2 -> dynamic();
                default -> throw new IllegalArgumentException("reserved block type");
            }
            if (last == 1) {
                return;
            }
        }
    }

    private int bits(int n) {
        while (bitCount < n) {
            if (pos >= in.length) {
                throw new IllegalArgumentException("truncated stream");
            }
            bitBuffer |= (in[pos++] & 0xff) << bitCount;
            bitCount += 8;
        }
        int v = bitBuffer & ((1 << n) - 1);
        bitBuffer >>>= n;
        bitCount -= n;
        return v;
    }

    private void stored() {
        bitBuffer = 0;
        bitCount = 0;
        int len = bits(16);
        int nlen = bits(16);
        if ((len ^ 0xffff) != nlen) {
            throw new IllegalArgumentException("stored length mismatch");
        }
        for (int i = 0; i < len; i++) {
            emit((byte) bits(8));
        }
    }

    /** Canonical Huffman table: code counts per length and symbols in code order. */
    private record Table(int[] counts, int[] symbols) {
        static Table of(int[] lengths, int n) {
            int[] counts = new int[16];
            for (int i = 0; i < n; i++) {
                counts[lengths[i]]++;
            }
            int[] offsets = new int[16];
            for (int len = 1; len < 15; len++) {
                offsets[len + 1] = offsets[len] + counts[len];
            }
            int[] symbols = new int[n];
            for (int i = 0; i < n; i++) {
                if (lengths[i] != 0) {
                    symbols[offsets[lengths[i]]++] = i;
                }
            }
            counts[0] = 0;
            return new Table(counts, symbols);
        }
    }

    private int decode(Table t) {
        int code = 0;
        int first = 0;
        int index = 0;
        for (int len = 1; len <= 15; len++) {
            code |= bits(1);
            int count = t.counts()[len];
            if (code - first < count) {
                return t.symbols()[index + code - first];
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        throw new IllegalArgumentException("bad code");
    }

    private static Table fixedLiterals() {
        int[] lengths = new int[288];
        for (int i = 0; i < 288; i++) {
            lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
        return Table.of(lengths, 288);
    }

    private static Table fixedDistances() {
        int[] lengths = new int[30];
        Arrays.fill(lengths, 5);
        return Table.of(lengths, 30);
    }

    private void dynamic() {
        int nlen = bits(5) + 257;
        int ndist = bits(5) + 1;
        int ncode = bits(4) + 4;
        int[] lengths = new int[320];
        for (int i = 0; i < ncode; i++) {
            lengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Table lencode = Table.of(lengths, 19);
        int[] all = new int[nlen + ndist];
        int i = 0;
        while (i < nlen + ndist) {
            int sym = decode(lencode);
            if (sym < 16) {
                all[i++] = sym;
                continue;
            }
            int repeat;
            int value = 0;
            if (sym == 16) {
                value = all[i - 1];
                repeat = 3 + bits(2);
            } else if (sym == 17) {
                repeat = 3 + bits(3);
            } else {
                repeat = 11 + bits(7);
            }
            while (repeat-- > 0) {
                all[i++] = value;
            }
        }
        int[] lit = Arrays.copyOfRange(all, 0, nlen);
        int[] dist = Arrays.copyOfRange(all, nlen, nlen + ndist);
        codes(Table.of(lit, nlen), Table.of(dist, ndist));
    }

    private void codes(Table literals, Table distances) {
        while (true) {
            int sym = decode(literals);
            if (sym < 256) {
                emit((byte) sym);
            } else if (sym == 256) {
                return;
            } else {
                sym -= 257;
                int length = LENGTH_BASE[sym] + bits(LENGTH_EXTRA[sym]);
                int d = decode(distances);
                int distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
                if (distance > size) {
                    throw new IllegalArgumentException("distance too far back");
                }
                maxDistance = Math.max(maxDistance, distance);
                backReferences++;
                for (int k = 0; k < length; k++) {
                    emit(window[size - distance]);
                }
            }
        }
    }

    private void emit(byte b) {
        if (size == window.length) {
            window = Arrays.copyOf(window, size * 2);
        }
        window[size++] = b;
    }
}
