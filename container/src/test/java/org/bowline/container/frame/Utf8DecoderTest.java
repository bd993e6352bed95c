package org.bowline.container.frame;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6455 section 8.1 (text must be valid UTF-8, RFC 3629 / Unicode Table 3-7), checked against the
 * JDK's strict decoder and against classic malformed cases in the style of Markus Kuhn's test file.
 */
class Utf8DecoderTest {

    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    // ---- valid input ----

    /** Random code points from every encoded length, surrogates excluded. */
    static String randomText(Random r, int codePoints) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int cp;
            switch (r.nextInt(5)) {
                case 0, 1 -> cp = r.nextInt(0x80);
                case 2 -> cp = 0x80 + r.nextInt(0x800 - 0x80);
                case 3 -> {
                    do {
                        cp = 0x800 + r.nextInt(0x10000 - 0x800);
                    } while (cp >= 0xD800 && cp <= 0xDFFF);
                }
                default -> cp = 0x10000 + r.nextInt(0x110000 - 0x10000);
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    @Test
    void randomValidTextDecodesLikeTheJdkAtRandomSplits() throws Exception {
        Random r = new Random(11);
        Utf8Decoder decoder = new Utf8Decoder();
        Utf8Decoder validator = new Utf8Decoder();
        for (int round = 0; round < 3000; round++) {
            String text = randomText(r, r.nextInt(60));
            byte[] bytes = text.getBytes(UTF_8);
            StringBuilder out = new StringBuilder();
            int from = 0;
            while (from < bytes.length) {
                int to = Math.min(bytes.length, from + 1 + r.nextInt(9));
                ByteBuffer chunk = ByteBuffer.wrap(bytes, from, to - from);
                validator.validate(chunk);
                decoder.decode(chunk, out);
                assertFalse(chunk.hasRemaining());
                assertFalse(out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1)),
                        "never half a code point");
                from = to;
            }
            decoder.finish();
            validator.finish();
            assertEquals(text, out.toString());
            assertTrue(Utf8Decoder.isValid(ByteBuffer.wrap(bytes)));
        }
    }

    @Test
    void incrementalValidationAcrossRandomSplitsAcceptsValidText() throws Exception {
        Random r = new Random(12);
        Utf8Decoder validator = new Utf8Decoder();
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = randomText(r, r.nextInt(80)).getBytes(UTF_8);
            int from = 0;
            while (from < bytes.length) {
                int to = Math.min(bytes.length, from + 1 + r.nextInt(20));
                ByteBuffer chunk = ByteBuffer.wrap(bytes, from, to - from);
                validator.validate(chunk);
                assertEquals(from, chunk.position(), "validate consumes nothing");
                from = to;
            }
            validator.finish();
        }
    }

    @Test
    void fourByteCodePointsSplitAtEveryPositionDecode() throws Exception {
        String text = "a𝄞€ß😀z";
        byte[] bytes = text.getBytes(UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            Utf8Decoder d = new Utf8Decoder();
            StringBuilder out = new StringBuilder();
            d.decode(ByteBuffer.wrap(bytes, 0, split), out);
            assertEquals(text.substring(0, charsCompleteIn(bytes, split)), out.toString(), "split " + split);
            d.decode(ByteBuffer.wrap(bytes, split, bytes.length - split), out);
            d.finish();
            assertEquals(text, out.toString());
        }
    }

    /** How many chars of the decoded text the first {@code n} bytes complete. */
    private static int charsCompleteIn(byte[] bytes, int n) {
        int chars = 0;
        int i = 0;
        while (i < n) {
            int b = bytes[i] & 0xFF;
            int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            if (i + len > n) {
                break;
            }
            chars += len == 4 ? 2 : 1;
            i += len;
        }
        return chars;
    }

    @Test
    void boundaryCodePointsAreAccepted() throws Exception {
        for (String s : new String[] {"7f", "c2 80", "df bf", "e0 a0 80", "ed 9f bf", "ee 80 80", "ef bf bf",
                "f0 90 80 80", "f4 8f bf bf", "ef bb bf"}) {
            byte[] bytes = hex(s);
            Utf8Decoder d = new Utf8Decoder();
            StringBuilder out = new StringBuilder();
            d.decode(ByteBuffer.wrap(bytes), out);
            d.finish();
            assertEquals(new String(bytes, UTF_8), out.toString(), s);
            assertTrue(Utf8Decoder.isValid(ByteBuffer.wrap(bytes)), s);
        }
    }

    // ---- invalid input: the failure is at the first bad byte ----

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("lone continuation byte", "80", 0),
                Arguments.of("continuation after ASCII", "41 bf", 1),
                Arguments.of("overlong NUL C0 80", "c0 80", 0),
                Arguments.of("overlong C1 BF", "c1 bf", 0),
                Arguments.of("overlong 3-byte E0 80 80", "e0 80 80", 1),
                Arguments.of("overlong 3-byte E0 9F BF", "e0 9f bf", 1),
                Arguments.of("overlong 4-byte F0 80 80 80", "f0 80 80 80", 1),
                Arguments.of("overlong 4-byte F0 8F BF BF", "f0 8f bf bf", 1),
                Arguments.of("high surrogate U+D800", "ed a0 80", 1),
                Arguments.of("low surrogate U+DFFF", "ed bf bf", 1),
                Arguments.of("paired surrogates", "ed a0 80 ed b0 80", 1),
                Arguments.of("U+110000", "f4 90 80 80", 1),
                Arguments.of("F5 lead", "f5 80 80 80", 0),
                Arguments.of("5-byte form", "f8 88 80 80 80", 0),
                Arguments.of("6-byte form", "fc 84 80 80 80 80", 0),
                Arguments.of("FE", "fe", 0),
                Arguments.of("FF", "ff", 0),
                Arguments.of("2-byte missing continuation", "c2 41", 1),
                Arguments.of("3-byte missing last byte", "e2 82 41", 2),
                Arguments.of("4-byte missing last byte", "f0 9d 84 41", 3),
                Arguments.of("new lead inside a sequence", "e2 82 e2 82 ac", 2),
                Arguments.of("kosme then surrogate", "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64", 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void decodeFailsAtTheFirstBadByteWhateverTheSplit(String name, String hexBytes, int badIndex) throws Exception {
        byte[] bytes = hex(hexBytes);
        assertFalse(Utf8Decoder.isValid(ByteBuffer.wrap(bytes)));

        // whole buffer: position at the bad byte, the code points before it delivered
        Utf8Decoder d = new Utf8Decoder();
        StringBuilder out = new StringBuilder();
        ByteBuffer whole = ByteBuffer.wrap(bytes);
        ProtocolException e = assertThrows(ProtocolException.class, () -> d.decode(whole, out));
        assertEquals(1007, e.closeCode());
        assertEquals(badIndex, whole.position());
        assertEquals(new String(bytes, 0, charsStartBefore(bytes, badIndex), UTF_8), out.toString());

        // one byte at a time, decoding and validating
        for (boolean validate : new boolean[] {false, true}) {
            Utf8Decoder inc = new Utf8Decoder();
            for (int i = 0; i < bytes.length; i++) {
                ByteBuffer one = ByteBuffer.wrap(bytes, i, 1);
                try {
                    if (validate) {
                        inc.validate(one);
                    } else {
                        inc.decode(one, new StringBuilder());
                    }
                    if (i == badIndex) {
                        fail("byte " + i + " should have failed (validate=" + validate + ")");
                    }
                } catch (ProtocolException ex) {
                    assertEquals(badIndex, i, "validate=" + validate);
                    assertEquals(1007, ex.closeCode());
                    break;
                }
            }
        }

        // every split into two chunks
        for (int split = 0; split <= bytes.length; split++) {
            Utf8Decoder two = new Utf8Decoder();
            ByteBuffer first = ByteBuffer.wrap(bytes, 0, split);
            ByteBuffer second = ByteBuffer.wrap(bytes, split, bytes.length - split);
            if (badIndex < split) {
                assertThrows(ProtocolException.class, () -> two.decode(first, new StringBuilder()));
                assertEquals(badIndex, first.position());
            } else {
                two.decode(first, new StringBuilder());
                assertThrows(ProtocolException.class, () -> two.decode(second, new StringBuilder()));
                assertEquals(badIndex, second.position());
            }
        }
    }

    /** Byte count of the whole sequences that end before the sequence holding {@code badIndex}. */
    private static int charsStartBefore(byte[] bytes, int badIndex) {
        int i = 0;
        while (i < badIndex) {
            int b = bytes[i] & 0xFF;
            int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            if (i + len > badIndex) {
                break;
            }
            i += len;
        }
        return i;
    }

    @Test
    void truncatedSequenceAtEndOfMessageFailsOnFinishAndResets() throws Exception {
        for (String s : new String[] {"c2", "e2 82", "f0 9d 84", "41 f4"}) {
            Utf8Decoder d = new Utf8Decoder();
            StringBuilder out = new StringBuilder();
            d.decode(ByteBuffer.wrap(hex(s)), out);
            assertEquals(1007, assertThrows(ProtocolException.class, d::finish).closeCode(), s);
            assertFalse(Utf8Decoder.isValid(ByteBuffer.wrap(hex(s))), s);
            d.decode(ByteBuffer.wrap(hex("41")), out);
            d.finish();
        }
    }

    @Test
    void resetForgetsAPendingSequence() throws Exception {
        Utf8Decoder d = new Utf8Decoder();
        d.decode(ByteBuffer.wrap(hex("e2 82")), new StringBuilder());
        d.reset();
        StringBuilder out = new StringBuilder();
        d.decode(ByteBuffer.wrap(hex("41")), out);
        d.finish();
        assertEquals("A", out.toString());
    }

    @Test
    void isValidLeavesThePositionAlone() {
        ByteBuffer b = ByteBuffer.wrap(hex("00 41 c3 a9 ff"));
        b.position(1).limit(4);
        assertTrue(Utf8Decoder.isValid(b));
        assertEquals(1, b.position());
        b.limit(5);
        assertFalse(Utf8Decoder.isValid(b));
        assertEquals(1, b.position());
    }

    // ---- cross-checks against the JDK ----

    /**
     * Index of the first byte that makes the input invalid, by the JDK's streaming decoder, or -1. The
     * JDK reports an encoded surrogate (ED A0..BF xx) only at its third byte although no third byte
     * can make it valid, so a prefix ending in ED A0..BF counts as failed when the JDK rejects it once
     * completed.
     */
    private static int jdkFirstBadByte(byte[] bytes) {
        return jdkFirstBadByte(bytes, 0, bytes.length);
    }

    /** As {@link #jdkFirstBadByte(byte[])}, looking only at the bytes from {@code from} to {@code to}. */
    private static int jdkFirstBadByte(byte[] bytes, int from, int to) {
        for (int k = from + 1; k <= to; k++) {
            if (jdkMalformed(bytes, k, false)) {
                return k - 1;
            }
            if (k >= 2 && bytes[k - 2] == (byte) 0xED && (bytes[k - 1] & 0xFF) >= 0xA0 && (bytes[k - 1] & 0xFF) <= 0xBF
                    && jdkMalformed(bytes, k, true)) {
                return k - 1;
            }
        }
        return -1;
    }

    private static boolean jdkMalformed(byte[] bytes, int prefix, boolean appendContinuation) {
        byte[] input = java.util.Arrays.copyOf(bytes, appendContinuation ? prefix + 1 : prefix);
        if (appendContinuation) {
            input[prefix] = (byte) 0x80;
        }
        CharsetDecoder jdk = UTF_8.newDecoder();
        return jdk.decode(ByteBuffer.wrap(input), CharBuffer.allocate(2 * input.length), false).isMalformed();
    }

    @Test
    void mutatedTextFailsAtTheSameByteAsTheJdkStreamingDecoder() {
        Random r = new Random(13);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
        int failures = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] bytes = randomText(r, 1 + r.nextInt(12)).getBytes(UTF_8);
            int mutations = 1 + r.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                bytes[r.nextInt(bytes.length)] = (byte) (r.nextBoolean() ? interesting[r.nextInt(interesting.length)] : r.nextInt(256));
            }
            int expected = jdkFirstBadByte(bytes);
            String where = HexFormat.ofDelimiter(" ").formatHex(bytes);

            Utf8Decoder d = new Utf8Decoder();
            ByteBuffer in = ByteBuffer.wrap(bytes);
            try {
                d.decode(in, new StringBuilder());
                assertEquals(-1, expected, "should have failed: " + where);
            } catch (ProtocolException e) {
                failures++;
                assertEquals(expected, in.position(), where);
            }

            Utf8Decoder v = new Utf8Decoder();
            int failedAt = -1;
            for (int i = 0; i < bytes.length && failedAt < 0; i++) {
                try {
                    v.validate(ByteBuffer.wrap(bytes, i, 1));
                } catch (ProtocolException e) {
                    failedAt = i;
                }
            }
            assertEquals(expected, failedAt, "byte-at-a-time validation: " + where);
        }
        assertTrue(failures > 1000, "the mutations must produce plenty of invalid input: " + failures);
    }

    @Test
    void longAsciiRunsAmongMultibyteTextDecodeLikeTheJdkAndFailAtTheJdksByteFromHeapAndDirectBuffers()
            throws Exception {
        Random r = new Random(17);
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            for (int part = r.nextInt(6); part >= 0; part--) {
                for (int n = r.nextInt(r.nextBoolean() ? 20 : 700); n > 0; n--) {
                    text.append((char) r.nextInt(0x80));
                }
                text.append(randomText(r, r.nextInt(3)));
            }
            byte[] bytes = text.toString().getBytes(UTF_8);
            boolean direct = r.nextBoolean();
            int expected = -1;
            if (bytes.length > 0 && r.nextInt(3) == 0) {
                // One byte made non-ASCII in valid text: the JDK finds the input bad there or within 3 bytes.
                int m = r.nextInt(bytes.length);
                bytes[m] = (byte) (0x80 + r.nextInt(0x80));
                expected = jdkFirstBadByte(bytes, m, Math.min(bytes.length, m + 4));
            }
            Utf8Decoder decoder = new Utf8Decoder();
            StringBuilder out = new StringBuilder();
            int from = 0;
            int failedAt = -1;
            while (from < bytes.length && failedAt < 0) {
                int to = Math.min(bytes.length, from + 1 + r.nextInt(r.nextBoolean() ? 9 : 600));
                ByteBuffer chunk = direct ? ByteBuffer.allocateDirect(to - from) : ByteBuffer.allocate(to - from);
                chunk.put(bytes, from, to - from).flip();
                try {
                    decoder.decode(chunk, out);
                    assertFalse(chunk.hasRemaining());
                } catch (ProtocolException e) {
                    assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
                    failedAt = from + chunk.position();
                }
                from = to;
            }
            String where = "round " + round + (direct ? " (direct)" : " (heap)");
            if (expected >= 0) {
                assertEquals(expected, failedAt, where);
                continue;
            }
            assertEquals(-1, failedAt, where);
            boolean whole;
            try {
                UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
                whole = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                whole = false;   // the mutation made the last byte start a sequence the message never ends
            }
            if (whole) {
                decoder.finish();
                assertEquals(new String(bytes, UTF_8), out.toString(), where);
            } else {
                assertThrows(ProtocolException.class, decoder::finish, where);
            }
        }
    }

    @Test
    void isValidAgreesWithTheJdkOnEveryTwoByteStart() {
        CharsetDecoder jdk = UTF_8.newDecoder();
        int[] tails = {0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2};
        for (int b0 = 0; b0 < 256; b0++) {
            for (int b1 = 0; b1 < 256; b1++) {
                check(jdk, new byte[] {(byte) b0, (byte) b1});
                if (b0 < 0xE0) {
                    continue; // a third byte only matters to 3- and 4-byte leads
                }
                for (int b2 : tails) {
                    check(jdk, new byte[] {(byte) b0, (byte) b1, (byte) b2});
                    if (b0 >= 0xF0) {
                        for (int b3 : tails) {
                            check(jdk, new byte[] {(byte) b0, (byte) b1, (byte) b2, (byte) b3});
                        }
                    }
                }
            }
        }
    }

    private static void check(CharsetDecoder jdk, byte[] bytes) {
        jdk.reset();
        // Result codes rather than exceptions: this runs close to a million times.
        boolean jdkValid = !jdk.decode(ByteBuffer.wrap(bytes), CharBuffer.allocate(8), true).isError()
                && !jdk.flush(CharBuffer.allocate(8)).isError();
        if (jdkValid != Utf8Decoder.isValid(ByteBuffer.wrap(bytes))) {
            fail("disagree with the JDK on " + HexFormat.ofDelimiter(" ").formatHex(bytes) + " (JDK valid=" + jdkValid + ")");
        }
    }
}
