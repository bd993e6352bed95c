package org.bowline.container.handshake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which {@code Origin}s may open a WebSocket: exact origins ({@code https://chat.example.com},
 * {@code http://localhost:8080}) and host patterns ({@code *.example.com} for any scheme,
 * {@code https://*.example.com}, {@code https://*.example.com:8443}). A pattern's {@code *.} matches
 * one or more labels in front of the domain, never the bare domain; without a port it matches the
 * scheme's default port only. Schemes and hosts compare case-insensitively. {@code null} (the string
 * browsers send from sandboxed documents and {@code file:} pages) is allowed only when listed.
 *
 * <p>A request without an {@code Origin} header (a non-browser client) is not judged here: browsers
 * always send one, and the list exists to keep other sites' pages out.
 */
public final class OriginAllowList {

    private final List<Entry> entries;

    private OriginAllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @throws IllegalArgumentException naming the entry that is neither an origin nor a pattern
     */
    public static OriginAllowList of(Collection<String> origins) {
        List<Entry> parsed = new ArrayList<>();
        for (String origin : origins) {
            parsed.add(Entry.parse(origin));
        }
        return new OriginAllowList(parsed);
    }

    /** Whether the {@code Origin} header's value is allowed; a missing header (null) is. */
    public boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String value = origin.trim();
        if (value.equals("null")) {
            return entries.stream().anyMatch(e -> e.isNull);
        }
        Origin o = Origin.parse(value);
        if (o == null) {
            return false;
        }
        for (Entry e : entries) {
            if (e.matches(o)) {
                return true;
            }
        }
        return false;
    }

    private record Origin(String scheme, String host, int port) {
        static Origin parse(String value) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                String host = uri.getHost();
                if (scheme == null || host == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                    return null;
                }
                scheme = scheme.toLowerCase(Locale.ROOT);
                int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
                return new Origin(scheme, host.toLowerCase(Locale.ROOT), port);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    /** scheme null = http or https; suffix non-null = a "*." pattern over that domain; port -1 = the default. */
    private record Entry(boolean isNull, String scheme, String host, String suffix, int port) {

        static Entry parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("An allowed origin must not be empty");
            }
            String s = text.trim();
            if (s.equals("null")) {
                return new Entry(true, null, null, null, -1);
            }
            String scheme = null;
            int sep = s.indexOf("://");
            if (sep >= 0) {
                scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
                s = s.substring(sep + 3);
            }
            int port = -1;
            int colon = s.lastIndexOf(':');
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(s.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Allowed origin '" + text + "' has a bad port", e);
                }
                s = s.substring(0, colon);
            }
            String host = s.toLowerCase(Locale.ROOT);
            String suffix = null;
            if (host.startsWith("*.")) {
                suffix = host.substring(1);   // ".example.com"
                host = null;
                if (suffix.length() < 2 || suffix.contains("*")) {
                    throw new IllegalArgumentException("Allowed origin '" + text + "' is not a valid pattern");
                }
            } else if (host.isEmpty() || host.contains("*") || host.contains("/")) {
                throw new IllegalArgumentException("Allowed origin '" + text
                        + "' is neither an origin (https://host[:port]) nor a pattern (*.example.com)");
            } else if (scheme == null) {
                throw new IllegalArgumentException("Allowed origin '" + text
                        + "' needs a scheme (https://" + host + "), or use a pattern (*." + host + ")");
            }
            return new Entry(false, scheme, host, suffix, port);
        }

        boolean matches(Origin o) {
            if (isNull) {
                return false;
            }
            if (scheme != null ? !scheme.equals(o.scheme()) : !(o.scheme().equals("http") || o.scheme().equals("https"))) {
                return false;
            }
            int wanted = port == -1 ? defaultPort(o.scheme()) : port;
            if (wanted != o.port()) {
                return false;
            }
            return suffix != null ? o.host().endsWith(suffix) && o.host().length() > suffix.length() : host.equals(o.host());
        }
    }
}
