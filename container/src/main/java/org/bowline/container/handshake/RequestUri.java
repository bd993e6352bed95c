package org.bowline.container.handshake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URI a standalone server reports for an upgrade request: an absolute-form target as sent (its
 * http/https scheme turned into ws/wss), otherwise {@code ws://} or {@code wss://}, the Host header and the
 * target; any fragment dropped. Kept as text; the {@link URI} is made when someone asks for it.
 *
 * <p>Why not parse it with {@link URI} every time: almost every upgrade has a plain path and query and a
 * plain host, which a few character checks settle. {@code java.net.URI}'s parser is large, and on a server
 * that has just started the JIT compiles it while the first thousands of handshakes wait for the same CPU.
 * Whatever the plain form does not cover (absolute-form targets, IPv6 literals, user info, characters
 * outside RFC 3986's path and query, unusual host names) is decided by {@code URI} as before, so what is
 * accepted or refused does not depend on which way was taken: a text the plain form accepts is one
 * {@code URI} parses, with a host (see RequestUriTest).
 */
public final class RequestUri {

    private final String text;
    private volatile URI uri;

    private RequestUri(String text, URI uri) {
        this.text = text;
        this.uri = uri;
    }

    /** A URI made elsewhere (a host's servlet request, a test). */
    public static RequestUri of(URI uri) {
        return new RequestUri(uri.toString(), uri);
    }

    /**
     * The request URI of {@code head}.
     *
     * @throws HttpParseException 400 when the target or Host does not make a URI with a host
     */
    public static RequestUri of(HttpRequestHead head, boolean secure) throws HttpParseException {
        String target = head.target();
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        String text;
        if (target.startsWith("/")) {
            String host = head.headers().first("Host");
            if (host == null || host.isEmpty()) {
                throw new HttpParseException(400, "Missing Host header");
            }
            text = (secure ? "wss://" : "ws://") + host + target;
            if (isPlainOriginForm(target) && isPlainHost(host)) {
                return new RequestUri(text, null);
            }
        } else {
            String lower = target.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://")) {
                text = "ws" + target.substring(4);
            } else if (lower.startsWith("https://")) {
                text = "wss" + target.substring(5);
            } else {
                text = target;
            }
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw new HttpParseException(400, "Request URI without a host: " + text);
            }
            return new RequestUri(text, uri);
        } catch (URISyntaxException e) {
            throw new HttpParseException(400, "Malformed request URI: " + text);
        }
    }

    /** The URI as text, exactly as {@link #toUri()}'s {@code toString()}. */
    public String text() {
        return text;
    }

    /** The parsed URI (made on first call). */
    public URI toUri() {
        URI u = uri;
        if (u == null) {
            u = URI.create(text);   // of() checked it parses; a race makes two equal URIs
            uri = u;
        }
        return u;
    }

    /** The query as sent (undecoded), or null when there is none; {@link URI#getRawQuery()} of {@link #toUri()}. */
    public String rawQuery() {
        URI u = uri;
        if (u != null) {
            return u.getRawQuery();
        }
        int question = text.indexOf('?');   // a plain text: no '?' before the path, no fragment
        return question < 0 ? null : text.substring(question + 1);
    }

    /** Whether the scheme is wss. */
    public boolean isSecure() {
        return text.regionMatches(true, 0, "wss:", 0, 4);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Whether {@code target} is an origin-form target (RFC 9112 section 3.2.1) of RFC 3986 path and query
     * characters only: unreserved, sub-delims, ':', '@', '/', '?' and well-formed percent-escapes, not starting
     * with "//". Every such target is one {@link URI} also accepts, as a path and a query.
     */
    static boolean isPlainOriginForm(String target) {
        int n = target.length();
        if (n == 0 || target.charAt(0) != '/' || (n > 1 && target.charAt(1) == '/')) {
            return false;   // "//" would begin an authority in a URI reference
        }
        for (int i = 0; i < n; i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= n || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isPathOrQueryChar(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code host} is a Host header {@link URI} reads as a server authority with a host: a dotted IPv4
     * address without leading zeros, or a host name of letter-digit-hyphen labels whose last label, when there
     * is more than one, starts with a letter (RFC 2396 section 3.2.2, which {@code URI} follows), then
     * optionally ':' and one to five digits.
     */
    static boolean isPlainHost(String host) {
        int end = host.length();
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            int digits = end - colon - 1;
            if (digits < 1 || digits > 5) {
                return false;
            }
            for (int i = colon + 1; i < end; i++) {
                if (!isDigit(host.charAt(i))) {
                    return false;
                }
            }
            end = colon;
        }
        return isIpv4(host, end) || isHostName(host, end);
    }

    private static boolean isIpv4(String host, int end) {
        int octets = 0;
        int i = 0;
        while (i < end) {
            int start = i;
            int value = 0;
            while (i < end && isDigit(host.charAt(i)) && i - start < 3) {
                value = value * 10 + (host.charAt(i) - '0');
                i++;
            }
            int length = i - start;
            if (length == 0 || value > 255 || (length > 1 && host.charAt(start) == '0')) {
                return false;
            }
            octets++;
            if (i == end) {
                break;
            }
            if (host.charAt(i) != '.' || octets == 4) {
                return false;
            }
            i++;
        }
        return octets == 4 && i == end;
    }

    private static boolean isHostName(String host, int end) {
        int labelStart = 0;
        int labels = 0;
        for (int i = 0; i <= end; i++) {
            if (i < end && host.charAt(i) != '.') {
                char c = host.charAt(i);
                if (!isLetter(c) && !isDigit(c) && c != '-') {
                    return false;
                }
                continue;
            }
            // a label ends at i
            if (i == labelStart || host.charAt(labelStart) == '-' || host.charAt(i - 1) == '-') {
                return false;
            }
            labels++;
            if (i == end && labels > 1 && !isLetter(host.charAt(labelStart))) {
                return false;
            }
            labelStart = i + 1;
        }
        return labels > 0;
    }

    private static boolean isPathOrQueryChar(char c) {
        if (isLetter(c) || isDigit(c)) {
            return true;
        }
        switch (c) {
            case '-', '.', '_', '~',                                      // unreserved
                 '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=',  // sub-delims
                 ':', '@', '/', '?':
                return true;
            default:
                return false;
        }
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
