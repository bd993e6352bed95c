package org.bowline.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks a peer script reported, one JSON object a line:
 * {@code {"check": "...", "ok": true|false, "detail": "..."}}. Lines that are not such objects
 * (stray logging) are kept apart so a test can show them.
 */
final class PeerReport {

    record Check(String name, boolean ok, String detail) {
    }

    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final StringBuilder other = new StringBuilder();

    static PeerReport parse(List<String> lines) {
        PeerReport report = new PeerReport();
        for (String line : lines) {
            Map<String, Object> object = line.startsWith("{") ? FlatJson.parseObject(line) : null;
            if (object != null && object.get("check") instanceof String name && object.get("ok") instanceof Boolean ok) {
                Object detail = object.get("detail");
                report.checks.put(name, new Check(name, ok, detail == null ? "" : detail.toString()));
            } else {
                report.other.append(line).append('\n');
            }
        }
        return report;
    }

    Map<String, Check> checks() {
        return checks;
    }

    String otherOutput() {
        return other.toString();
    }

    /**
     * Just enough JSON for one flat object of strings, booleans, numbers and nulls, which is all
     * the peer scripts print; anything else makes the line "other output".
     */
    static final class FlatJson {
        private final String text;
        private int at;

        private FlatJson(String text) {
            this.text = text;
        }

        static Map<String, Object> parseObject(String text) {
            try {
                FlatJson json = new FlatJson(text.strip());
                Map<String, Object> object = json.object();
                return json.at == json.text.length() ? object : null;
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                return null;
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> object = new LinkedHashMap<>();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                at++;
                return object;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                object.put(key, value());
                skipSpace();
                char c = text.charAt(at++);
                if (c == '}') {
                    return object;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or } at " + (at - 1));
                }
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("unsupported value at " + at);
            }
            return Double.valueOf(text.substring(start, at));
        }

        private String string() {
            expect('"');
            StringBuilder s = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return s.toString();
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> s.append(e);
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e);
                }
            }
        }

        private void expect(char c) {
            if (text.charAt(at++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (at - 1));
            }
        }

        private char peek() {
            return text.charAt(at);
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
