package org.bowline.container.handshake;

/**
 * Character classes of HTTP/1.1 (RFC 9110 section 5.6, RFC 9112), shared by the parser, the
 * header model and the writer so all three agree on what may reach the wire.
 */
final class HttpSyntax {

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpSyntax() {
    }

    static boolean isTchar(int c) {
        return c >= 0 && c < 128 && TCHAR[c];
    }

    static boolean isToken(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** field-vchar, SP or HTAB: what a field value may hold once decoded as ISO-8859-1. */
    static boolean isFieldValueChar(int c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    static boolean isFieldValue(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isFieldValueChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    /** Trims optional whitespace (SP / HTAB only, unlike String.trim which also eats CTLs). */
    static String trimOws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
