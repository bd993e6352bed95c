package org.bowline.container.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Case-insensitive, insertion-ordered, multi-valued HTTP header fields.
 *
 * <p>Fields are grouped by name in the order each name was first added; values of one name keep
 * their arrival order (the only order HTTP gives meaning to). Names must be tokens and values
 * must be representable in ISO-8859-1 without CR, LF or other control characters, so nothing
 * added here can split a response on the wire ({@link IllegalArgumentException} otherwise).
 * Not thread-safe.
 */
public final class HttpHeaders {

    /** One field name: the spelling it was first added with, and its values. */
    private static final class Field {
        String name;
        final List<String> values = new ArrayList<>(1);

        Field(String name) {
            this.name = name;
        }
    }

    private final LinkedHashMap<String, Field> fields = new LinkedHashMap<>();

    public HttpHeaders() {
    }

    /** Copies every field of a map such as {@link jakarta.websocket.HandshakeResponse#getHeaders()}; null value lists are skipped. */
    public static HttpHeaders fromMap(Map<String, List<String>> map) {
        HttpHeaders headers = new HttpHeaders();
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            for (String value : e.getValue()) {
                headers.add(e.getKey(), value);
            }
        }
        return headers;
    }

    /** A deep copy. */
    public HttpHeaders copy() {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(this);
        return copy;
    }

    /** Appends a value to the field, keeping the values already present. */
    public void add(String name, String value) {
        checkValue(name, value);
        addChecked(name, value);
    }

    /** {@link #add} for a name and value the caller has already checked (the parser, character by character). */
    void addChecked(String name, String value) {
        String key = key(name);
        Field field = fields.get(key);
        if (field == null) {
            field = new Field(name);
            fields.put(key, field);
        }
        field.values.add(value);
    }

    /** Appends every field of {@code other}. */
    public void addAll(HttpHeaders other) {
        for (Field f : other.fields.values()) {
            for (String value : f.values) {
                add(f.name, value);
            }
        }
    }

    /** Replaces all values of the field with one value; a field already present keeps its position. */
    public void set(String name, String value) {
        checkValue(name, value);
        Field field = fields.computeIfAbsent(key(name), k -> new Field(name));
        field.name = name;
        field.values.clear();
        field.values.add(value);
    }

    /** Removes the field; returns whether it was present. */
    public boolean remove(String name) {
        return fields.remove(key(name)) != null;
    }

    /** The first value of the field, or null when absent. */
    public String first(String name) {
        Field field = fields.get(key(name));
        return field == null ? null : field.values.get(0);
    }

    /** All values of the field in arrival order (read-only), empty when absent. */
    public List<String> all(String name) {
        Field field = fields.get(key(name));
        return field == null ? List.of() : Collections.unmodifiableList(field.values);
    }

    public boolean contains(String name) {
        return fields.containsKey(key(name));
    }

    /**
     * Comma-separated tokens over all values of the field, trimmed, empty ones dropped
     * (e.g. {@code Connection: keep-alive, Upgrade}). Quoted strings are not interpreted: use
     * this for list fields whose members are plain tokens.
     */
    public List<String> tokens(String name) {
        Field field = fields.get(key(name));
        if (field == null) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>();
        findToken(field, (value, from, to) -> {
            tokens.add(value.substring(from, to));
            return false;
        });
        return tokens;
    }

    /** Whether {@link #tokens(String)} holds {@code token}, compared case-insensitively (without making that list). */
    public boolean hasToken(String name, String token) {
        return findToken(fields.get(key(name)), (value, from, to) ->
                to - from == token.length() && value.regionMatches(true, from, token, 0, to - from));
    }

    /** Sees one token: {@code value}'s chars from {@code from} to {@code to}, trimmed and not empty. */
    private interface TokenTest {
        boolean matches(String value, int from, int to);
    }

    /** Hands each token of {@code field} (null: none), in order, to {@code test} until one matches; whether one did. */
    private static boolean findToken(Field field, TokenTest test) {
        if (field == null) {
            return false;
        }
        for (String value : field.values) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                int from = start;
                int to = end;
                while (from < to && HttpSyntax.isWhitespace(value.charAt(from))) {
                    from++;
                }
                while (to > from && HttpSyntax.isWhitespace(value.charAt(to - 1))) {
                    to--;
                }
                if (from < to && test.matches(value, from, to)) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    /**
     * A read-only copy as jakarta.websocket expects: case-insensitive keys (a TreeMap with
     * {@link String#CASE_INSENSITIVE_ORDER}, each key spelled as first added), values in arrival
     * order. Later changes to these headers are not reflected.
     */
    public Map<String, List<String>> asMap() {
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Field f : fields.values()) {
            map.put(f.name, List.copyOf(f.values));
        }
        return Collections.unmodifiableMap(map);
    }

    /** The field names in first-added order and spelling (read-only copy). */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Field f : fields.values()) {
            names.add(f.name);
        }
        return Collections.unmodifiableSet(names);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Visits every (name, value) pair in wire order. */
    void forEach(java.util.function.BiConsumer<String, String> action) {
        for (Field f : fields.values()) {
            for (String value : f.values) {
                action.accept(f.name, value);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HttpHeaders{");
        forEach((n, v) -> sb.append(sb.length() > 12 ? ", " : "").append(n).append(": ").append(v));
        return sb.append('}').toString();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void checkValue(String name, String value) {
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("Header name is not an HTTP token: " + name);
        }
        if (value == null) {
            throw new IllegalArgumentException("Header " + name + " has a null value");
        }
        if (!HttpSyntax.isFieldValue(value)) {
            throw new IllegalArgumentException(
                    "Header " + name + " has a value with a control or non-ISO-8859-1 character");
        }
    }
}
