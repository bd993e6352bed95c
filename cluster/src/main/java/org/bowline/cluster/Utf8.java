package org.bowline.cluster;

/** UTF-8 sizes, for the pending-bytes limit. */
final class Utf8 {

    private Utf8() {
    }

    /** The UTF-8 length of a string without encoding it (an unpaired surrogate counts as one byte, '?'). */
    static long length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
