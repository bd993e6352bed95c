package org.bowline.container.handshake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes an {@code application/x-www-form-urlencoded} query string into request parameters. */
public final class QueryString {

    private QueryString() {
    }

    /**
     * Parameters of {@code rawQuery} (the part after {@code ?}, still percent-encoded; null or
     * empty gives an empty map). Names and values are percent-decoded as UTF-8 with {@code +}
     * read as a space; a parameter without {@code =} has the value "". A malformed escape is kept
     * literally and invalid UTF-8 becomes U+FFFD, because a query is user input and one bad
     * parameter should not cost the whole handshake. Names keep first-seen order, values arrival
     * order; the map and its lists are read-only.
     */
    public static Map<String, List<String>> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = decode(rawQuery, start, end);
                    value = "";
                } else {
                    name = decode(rawQuery, start, eq);
                    value = decode(rawQuery, eq + 1, end);
                }
                if (!name.isEmpty()) {
                    params.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
                }
            }
            start = end + 1;
        }
        Map<String, List<String>> readOnly = new LinkedHashMap<>();
        params.forEach((name, values) -> readOnly.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(readOnly);
    }

    private static String decode(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = s.charAt(i);
            plain = c != '%' && c != '+' && c < 0x80;
        }
        if (plain) {
            return s.substring(from, to);
        }
        byte[] bytes = new byte[(to - from) * 3];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes[n++] = ' ';
            } else if (c == '%' && hex(s, i + 1, to) >= 0 && hex(s, i + 2, to) >= 0) {
                bytes[n++] = (byte) (hex(s, i + 1, to) << 4 | hex(s, i + 2, to));
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                // A decoded URI may already hold non-ASCII characters: keep them as their UTF-8.
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                System.arraycopy(utf8, 0, bytes, n, utf8.length);
                n += utf8.length;
            }
        }
        return new String(Arrays.copyOf(bytes, n), StandardCharsets.UTF_8);
    }

    private static int hex(String s, int i, int to) {
        if (i >= to) {
            return -1;
        }
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
