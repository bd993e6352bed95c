package org.bowline.container.frame;

import java.nio.ByteBuffer;

/**
 * Incremental, strict UTF-8 decoder and validator (Unicode Table 3-7 well-formed byte sequences).
 *
 * <p>RFC 6455 section 8.1 fails the connection on invalid UTF-8, and the design wants that to happen
 * at the first bad byte even in the middle of a fragmented message. The decoder therefore checks each
 * continuation byte against the range that its lead byte allows (which rejects overlong forms,
 * surrogates and code points past U+10FFFF without waiting for the sequence to end), and carries an
 * unfinished sequence over to the next call. Not thread-safe: one instance per message stream.
 */
public final class Utf8Decoder {

    private static final long ASCII_WORD = 0x8080_8080_8080_8080L;
    private static final int CONTINUATION_MIN = 0x80;
    private static final int CONTINUATION_MAX = 0xBF;
    private static final int RUN = 256;

    /** Continuation bytes the current sequence still needs; 0 between code points. */
    private int needed;
    /** Bits of the current code point gathered so far. */
    private int codePoint;
    /** Range the next continuation byte must fall in (narrower than 80..BF right after some leads). */
    private int lower = CONTINUATION_MIN;
    private int upper = CONTINUATION_MAX;
    /** Blocks for {@link #appendAscii}, made at the first ASCII run (a decoder lives as long as its session). */
    private byte[] runBytes;
    private char[] runChars;

    /**
     * Decodes and validates UTF-8 from src (consumes all) appending chars to dst. On invalid input,
     * throws ProtocolException(1007) with src's position at the first byte that makes the input
     * invalid; dst then holds every code point completed before it and the decoder is reset. An
     * incomplete but still-valid trailing sequence is kept for the next call; code points above
     * U+FFFF are appended as a surrogate pair only when complete.
     */
    public void decode(ByteBuffer src, StringBuilder dst) throws ProtocolException {
        int i = src.position();
        int end = src.limit();
        while (i < end) {
            if (needed == 0) {
                int run = asciiRun(src, i, end);
                if (run > 0) {
                    appendAscii(src, i, run, dst);
                    i += run;
                    if (i == end) {
                        break;
                    }
                }
            }
            int b = src.get(i);   // non-ASCII, or inside a sequence: the run above took every ASCII byte
            if (!accept(b & 0xFF)) {
                src.position(i);
                throw invalid(b);
            }
            i++;
            if (needed == 0) {
                if (codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                    dst.append((char) codePoint);
                } else {
                    dst.append(Character.highSurrogate(codePoint)).append(Character.lowSurrogate(codePoint));
                }
            }
        }
        src.position(end);
    }

    /** How many bytes from {@code i} on are ASCII, a word at a time while whole words remain. */
    private static int asciiRun(ByteBuffer src, int i, int end) {
        int j = i;
        while (end - j >= Long.BYTES && (src.getLong(j) & ASCII_WORD) == 0) {
            j += Long.BYTES;
        }
        while (j < end && src.get(j) >= 0) {
            j++;
        }
        return j - i;
    }

    /**
     * Appends {@code n} ASCII bytes as chars in blocks: a bulk copy out of the buffer and one append per
     * block, where a char at a time cost a bounds-checked read and a capacity check per byte (28% of the
     * server's time on a 64 KiB text echo).
     */
    private void appendAscii(ByteBuffer src, int i, int n, StringBuilder dst) {
        if (runBytes == null) {
            runBytes = new byte[RUN];
            runChars = new char[RUN];
        }
        while (n > 0) {
            int k = Math.min(n, RUN);
            src.get(i, runBytes, 0, k);
            for (int x = 0; x < k; x++) {
                runChars[x] = (char) runBytes[x];
            }
            dst.append(runChars, 0, k);
            i += k;
            n -= k;
        }
    }

    /**
     * Validation without decoding, incremental, same fail-fast rule (used for streamed text, e.g.
     * when bytes are handed on undecoded). Consumes nothing: position unchanged.
     */
    public void validate(ByteBuffer src) throws ProtocolException {
        int i = src.position();
        int end = src.limit();
        while (i < end) {
            if (needed == 0) {
                while (end - i >= Long.BYTES && (src.getLong(i) & ASCII_WORD) == 0) {
                    i += Long.BYTES;
                }
                if (i == end) {
                    return;
                }
            }
            int b = src.get(i);
            if (b < 0 || needed != 0) {
                if (!accept(b & 0xFF)) {
                    throw invalid(b);
                }
            }
            i++;
        }
    }

    /** End of message: an unfinished sequence → 1007. Resets the decoder. */
    public void finish() throws ProtocolException {
        boolean truncated = needed != 0;
        reset();
        if (truncated) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "invalid UTF-8: message ends inside a sequence");
        }
    }

    /** Forgets any unfinished sequence. */
    public void reset() {
        needed = 0;
        codePoint = 0;
        lower = CONTINUATION_MIN;
        upper = CONTINUATION_MAX;
    }

    /** True when the buffer's remaining bytes are complete valid UTF-8 (position unchanged). */
    public static boolean isValid(ByteBuffer buf) {
        Utf8Decoder decoder = new Utf8Decoder();
        try {
            decoder.validate(buf);
            return decoder.needed == 0;
        } catch (ProtocolException e) {
            return false;
        }
    }

    /** Feeds one non-ASCII byte, or any byte inside a sequence; false if it makes the input invalid. */
    private boolean accept(int b) {
        if (needed == 0) {
            return start(b);
        }
        if (b < lower || b > upper) {
            reset();
            return false;
        }
        codePoint = (codePoint << 6) | (b & 0x3F);
        needed--;
        lower = CONTINUATION_MIN;
        upper = CONTINUATION_MAX;
        return true;
    }

    private boolean start(int b) {
        if (b < 0xC2) {
            // 80..BF cannot start a sequence; C0 and C1 could only start overlong 2-byte forms.
            return false;
        } else if (b < 0xE0) {
            needed = 1;
            codePoint = b & 0x1F;
        } else if (b < 0xF0) {
            needed = 2;
            codePoint = b & 0x0F;
            if (b == 0xE0) {
                lower = 0xA0; // E0 80..9F would be overlong
            } else if (b == 0xED) {
                upper = 0x9F; // ED A0..BF would encode surrogates
            }
        } else if (b < 0xF5) {
            needed = 3;
            codePoint = b & 0x07;
            if (b == 0xF0) {
                lower = 0x90; // F0 80..8F would be overlong
            } else if (b == 0xF4) {
                upper = 0x8F; // F4 90..BF would exceed U+10FFFF
            }
        } else {
            return false; // F5..FF: past U+10FFFF
        }
        return true;
    }

    private static ProtocolException invalid(int b) {
        return new ProtocolException(CloseCodes.INVALID_PAYLOAD,
                String.format("invalid UTF-8 byte 0x%02X", b & 0xFF));
    }
}
