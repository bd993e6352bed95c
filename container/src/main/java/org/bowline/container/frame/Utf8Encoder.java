package org.bowline.container.frame;

import java.nio.ByteBuffer;

/**
 * Encodes text as UTF-8 straight into a frame buffer, so a text message is never first turned into a byte
 * array of its own. The bytes are exactly those of {@code String.getBytes(UTF_8)}: a surrogate without its
 * pair becomes {@code '?'}.
 */
public final class Utf8Encoder {

    /** The most UTF-8 bytes one UTF-16 char can take (a pair of chars takes 4, i.e. 2 each). */
    public static final int MAX_BYTES_PER_CHAR = 3;

    private Utf8Encoder() {
    }

    /**
     * Writes the UTF-8 encoding of {@code text} into dst from index {@code at} (absolute: dst's position is
     * neither used nor changed) and returns the index after the last byte. dst needs room for
     * {@code text.length() * MAX_BYTES_PER_CHAR} bytes from {@code at}; IndexOutOfBoundsException otherwise.
     */
    public static int encode(CharSequence text, ByteBuffer dst, int at) {
        int n = text.length();
        if (at < 0 || at + (long) n * MAX_BYTES_PER_CHAR > dst.limit()) {
            throw new IndexOutOfBoundsException("no room for " + n + " chars as UTF-8 from index " + at
                    + " below the limit " + dst.limit());
        }
        int p = at;
        int i = 0;
        // Most text is ASCII: one tight loop for it, the general one from the first other char on.
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                break;
            }
            dst.put(p++, (byte) c);
        }
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                dst.put(p++, (byte) c);
            } else if (c < 0x800) {
                dst.put(p++, (byte) (0xC0 | c >> 6));
                dst.put(p++, (byte) (0x80 | c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char low;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(low = text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, low);
                    dst.put(p++, (byte) (0xF0 | cp >> 18));
                    dst.put(p++, (byte) (0x80 | cp >> 12 & 0x3F));
                    dst.put(p++, (byte) (0x80 | cp >> 6 & 0x3F));
                    dst.put(p++, (byte) (0x80 | cp & 0x3F));
                    i++;
                } else {
                    dst.put(p++, (byte) '?');
                }
            } else {
                dst.put(p++, (byte) (0xE0 | c >> 12));
                dst.put(p++, (byte) (0x80 | c >> 6 & 0x3F));
                dst.put(p++, (byte) (0x80 | c & 0x3F));
            }
        }
        return p;
    }
}
