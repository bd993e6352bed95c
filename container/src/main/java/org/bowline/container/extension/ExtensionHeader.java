package org.bowline.container.extension;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and formats {@code Sec-WebSocket-Extensions} header values (RFC 6455 section 9.1):
 * <pre>
 * extension-list = 1#extension
 * extension      = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 * A quoted value, once unescaped, must itself be a token (RFC 6455 9.1).
 */
public final class ExtensionHeader {

    private static final Logger LOG = System.getLogger(ExtensionHeader.class.getName());

    private ExtensionHeader() {
    }

    /**
     * Parses all Sec-WebSocket-Extensions header values (a list of header lines, each a
     * comma-separated list) into offers in order, per RFC 6455 9.1 grammar incl. quoted-string
     * values ({@code "10"} becomes {@code 10}). A syntactically malformed element is dropped
     * (logged at DEBUG), never an exception: malformed offers are declined, not fatal. Empty
     * list elements are ignored as RFC 7230 7 requires.
     */
    public static List<ExtensionOffer> parse(List<String> headerValues) {
        List<ExtensionOffer> offers = new ArrayList<>();
        if (headerValues == null) {
            return offers;
        }
        for (String line : headerValues) {
            if (line != null) {
                new LineParser(line).parseInto(offers);
            }
        }
        return offers;
    }

    /** Formats offers as one header value, elements separated by {@code ", "}. */
    public static String format(List<ExtensionOffer> offers) {
        StringBuilder out = new StringBuilder();
        for (ExtensionOffer offer : offers) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(offer.toHeaderValue());
        }
        return out.toString();
    }

    /** A cursor over one header line; each malformed element is skipped up to the next comma. */
    private static final class LineParser {
        private final String s;
        private int pos;

        LineParser(String s) {
            this.s = s;
        }

        void parseInto(List<ExtensionOffer> offers) {
            while (true) {
                skipOws();
                if (pos >= s.length()) {
                    return;
                }
                if (s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                int start = pos;
                ExtensionOffer offer = element();
                if (offer != null) {
                    offers.add(offer);
                } else {
                    boolean more = skipToNextElement();
                    if (LOG.isLoggable(Level.DEBUG)) {
                        LOG.log(Level.DEBUG, "Dropping malformed Sec-WebSocket-Extensions element: {0}",
                                s.substring(start, more ? pos - 1 : s.length()).trim());
                    }
                    if (!more) {
                        return;
                    }
                }
            }
        }

        /** One element ending at a top-level comma (consumed) or the end; null when malformed. */
        private ExtensionOffer element() {
            String name = token();
            if (name == null) {
                return null;
            }
            List<ExtensionOffer.Parameter> params = new ArrayList<>();
            while (true) {
                skipOws();
                if (pos >= s.length()) {
                    return new ExtensionOffer(name, params);
                }
                char c = s.charAt(pos);
                if (c == ',') {
                    pos++;
                    return new ExtensionOffer(name, params);
                }
                if (c != ';') {
                    return null;
                }
                pos++;
                skipOws();
                String paramName = token();
                if (paramName == null) {
                    return null;
                }
                skipOws();
                String value = null;
                if (pos < s.length() && s.charAt(pos) == '=') {
                    pos++;
                    skipOws();
                    value = pos < s.length() && s.charAt(pos) == '"' ? quotedToken() : token();
                    if (value == null) {
                        return null;
                    }
                }
                params.add(new ExtensionOffer.Parameter(paramName, value));
            }
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && HeaderSyntax.isTchar(s.charAt(pos))) {
                pos++;
            }
            return pos == start ? null : s.substring(start, pos);
        }

        /** A quoted-string whose unescaped content must be a token, as RFC 6455 9.1 demands. */
        private String quotedToken() {
            pos++; // opening quote
            StringBuilder value = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    String v = value.toString();
                    return HeaderSyntax.isToken(v) ? v : null;
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        return null;
                    }
                    c = s.charAt(pos++);
                }
                value.append(c);
            }
            return null; // unterminated
        }

        /** Moves past the next comma outside a quoted string; false when the line ended first. */
        private boolean skipToNextElement() {
            boolean quoted = false;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (quoted) {
                    if (c == '\\') {
                        pos++;
                    } else if (c == '"') {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    return true;
                }
            }
            pos = s.length();
            return false;
        }

        private void skipOws() {
            while (pos < s.length() && HeaderSyntax.isOws(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
