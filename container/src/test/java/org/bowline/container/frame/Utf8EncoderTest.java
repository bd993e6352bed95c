package org.bowline.container.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The frame-side UTF-8 encoder gives exactly the bytes of {@code String.getBytes(UTF_8)}. */
class Utf8EncoderTest {

    private static byte[] encode(String s, boolean direct, int at) {
        int room = 1 + at + s.length() * Utf8Encoder.MAX_BYTES_PER_CHAR;
        ByteBuffer dst = direct ? ByteBuffer.allocateDirect(room) : ByteBuffer.allocate(room);
        dst.position(1);   // the position is neither used nor changed
        int end = Utf8Encoder.encode(s, dst, at);
        assertEquals(1, dst.position());
        byte[] out = new byte[end - at];
        dst.get(at, out);
        return out;
    }

    @Test
    void everyKindOfCharacterMatchesTheJdk() {
        String[] samples = {
            "", "a", "plain ASCII text", "héllo wörld", "€ 日本語", "😀🚀 emoji",
            "mixed: a é € 😀 z", "\u007F\u0080\u07FF\u0800\uFFFF",
            "\uD83D", "\uDE00", "x\uD83Dy", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "end\uD83D",
        };
        for (String s : samples) {
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, encode(s, true, 14), s);
            assertArrayEquals(expected, encode(s, false, 0), s);
        }
    }

    @Test
    void randomCharsMatchTheJdk() {
        Random random = new Random(12);
        for (int round = 0; round < 2_000; round++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) (0xD800 + random.nextInt(0x800));   // surrogates, paired or not
                    default -> (char) random.nextInt(0x10000);
                };
            }
            String s = new String(chars);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), encode(s, round % 2 == 0, round % 5),
                    () -> "chars " + Arrays.toString(chars));
        }
    }

    @Test
    void refusesTooLittleRoomBeforeWriting() {
        ByteBuffer dst = ByteBuffer.allocate(8);
        assertThrows(IndexOutOfBoundsException.class, () -> Utf8Encoder.encode("abc", dst, 0));   // 9 needed
        assertEquals(0, dst.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> Utf8Encoder.encode("a", dst, -1));
    }
}
