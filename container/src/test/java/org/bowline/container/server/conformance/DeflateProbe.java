package org.bowline.container.server.conformance;

import java.util.Arrays;

/**
 * A second, deliberately simple raw-DEFLATE decoder (RFC 1951) for checking what the JDK's
 * Inflater cannot: the longest back-reference distance the server used, which must stay within
 * the negotiated {@code server_max_window_bits} (RFC 7692 7.1.2.1), counting across messages
 * when the server keeps its context. Not fast; test data only.
 */
public final class DeflateProbe {

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
            67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
            5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
            769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
            11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** Everything decoded since the last {@link #reset()}: the window back-references may reach into. */
    private byte[] history = new byte[4096];
    private int size;
    private int maxDistance;

    private byte[] in;
    private int pos;
    private int bits;
    private int bitCount;

    /** Forgets the context, as a new message must when the sender has no context takeover. */
    public void reset() {
        size = 0;
    }

    /** The longest distance any back-reference used so far. */
    public int maxDistance() {
        return maxDistance;
    }

    /** Decodes one message's payload with 00 00 ff ff appended (RFC 7692 7.2.2). */
    public byte[] inflateMessage(byte[] payload) {
        in = Arrays.copyOf(payload, payload.length + 4);
        in[payload.length + 2] = (byte) 0xFF;
        in[payload.length + 3] = (byte) 0xFF;
        pos = 0;
        bits = 0;
        bitCount = 0;
        int start = size;
        while (pos < in.length) {
            boolean last = bits(1) == 1;
            switch (bits(2)) {
                case 0 -> stored();
                case 1 -> codes(Huffman.FIXED_LITERALS, Huffman.FIXED_DISTANCES);
                case 2 -> dynamic();
                default -> throw new IllegalStateException("reserved DEFLATE block type");
            }
            if (last) {
                // a final block ends this DEFLATE stream; whatever follows starts on a byte boundary
                bits = 0;
                bitCount = 0;
            }
        }
        return Arrays.copyOfRange(history, start, size);
    }

    private int bits(int need) {
        while (bitCount < need) {
            if (pos >= in.length) {
                throw new IllegalStateException("DEFLATE data ends inside a block");
            }
            bits |= (in[pos++] & 0xFF) << bitCount;
            bitCount += 8;
        }
        int value = bits & ((1 << need) - 1);
        bits >>>= need;
        bitCount -= need;
        return value;
    }

    private void stored() {
        bits = 0;
        bitCount = 0;
        int len = bits(16);
        int nlen = bits(16);
        if ((len ^ 0xFFFF) != nlen) {
            throw new IllegalStateException("stored block length check failed");
        }
        for (int i = 0; i < len; i++) {
            emit((byte) bits(8));
        }
    }

    private void dynamic() {
        int literals = bits(5) + 257;
        int distances = bits(5) + 1;
        int codeLengthCodes = bits(4) + 4;
        int[] codeLengthLengths = new int[19];
        for (int i = 0; i < codeLengthCodes; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Huffman codeLengths = new Huffman(codeLengthLengths);
        int[] lengths = new int[literals + distances];
        for (int i = 0; i < lengths.length; ) {
            int symbol = codeLengths.decode(this);
            if (symbol < 16) {
                lengths[i++] = symbol;
            } else {
                int repeat;
                int value = 0;
                if (symbol == 16) {
                    if (i == 0) {
                        throw new IllegalStateException("repeat with no previous length");
                    }
                    value = lengths[i - 1];
                    repeat = 3 + bits(2);
                } else if (symbol == 17) {
                    repeat = 3 + bits(3);
                } else {
                    repeat = 11 + bits(7);
                }
                if (i + repeat > lengths.length) {
                    throw new IllegalStateException("code lengths overrun");
                }
                Arrays.fill(lengths, i, i + repeat, value);
                i += repeat;
            }
        }
        codes(new Huffman(Arrays.copyOfRange(lengths, 0, literals)),
                new Huffman(Arrays.copyOfRange(lengths, literals, lengths.length)));
    }

    private void codes(Huffman literals, Huffman distances) {
        while (true) {
            int symbol = literals.decode(this);
            if (symbol < 256) {
                emit((byte) symbol);
            } else if (symbol == 256) {
                return;
            } else {
                int index = symbol - 257;
                if (index >= LENGTH_BASE.length) {
                    throw new IllegalStateException("invalid length symbol " + symbol);
                }
                int length = LENGTH_BASE[index] + bits(LENGTH_EXTRA[index]);
                int d = distances.decode(this);
                if (d >= DIST_BASE.length) {
                    throw new IllegalStateException("invalid distance symbol " + d);
                }
                int distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
                if (distance > size) {
                    throw new IllegalStateException("distance " + distance + " reaches before the window's start");
                }
                maxDistance = Math.max(maxDistance, distance);
                for (int i = 0; i < length; i++) {
                    emit(history[size - distance]);
                }
            }
        }
    }

    private void emit(byte b) {
        if (size == history.length) {
            history = Arrays.copyOf(history, history.length * 2);
        }
        history[size++] = b;
    }

    /** A canonical Huffman code (RFC 1951 3.2.2), decoded one bit at a time. */
    private static final class Huffman {
        static final Huffman FIXED_LITERALS;
        static final Huffman FIXED_DISTANCES;

        static {
            int[] lengths = new int[288];
            Arrays.fill(lengths, 0, 144, 8);
            Arrays.fill(lengths, 144, 256, 9);
            Arrays.fill(lengths, 256, 280, 7);
            Arrays.fill(lengths, 280, 288, 8);
            FIXED_LITERALS = new Huffman(lengths);
            int[] distances = new int[30];
            Arrays.fill(distances, 5);
            FIXED_DISTANCES = new Huffman(distances);
        }

        private final int[] count = new int[16];
        private final int[] symbols;

        Huffman(int[] lengths) {
            for (int length : lengths) {
                count[length]++;
            }
            count[0] = 0;
            int[] offsets = new int[16];
            for (int len = 1; len < 16; len++) {
                offsets[len] = offsets[len - 1] + count[len - 1];
            }
            symbols = new int[lengths.length];
            for (int symbol = 0; symbol < lengths.length; symbol++) {
                if (lengths[symbol] != 0) {
                    symbols[offsets[lengths[symbol]]++] = symbol;
                }
            }
        }

        /** Codes are sent most significant bit first; each length's codes follow the shorter ones. */
        int decode(DeflateProbe probe) {
            int code = 0;
            int first = 0;
            int index = 0;
            for (int len = 1; len < 16; len++) {
                code |= probe.bits(1);
                int n = count[len];
                if (code - first < n) {
                    return symbols[index + code - first];
                }
                index += n;
                first = (first + n) << 1;
                code <<= 1;
            }
            throw new IllegalStateException("invalid Huffman code");
        }
    }
}
