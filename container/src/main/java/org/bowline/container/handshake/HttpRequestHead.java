package org.bowline.container.handshake;

import java.util.Objects;

/**
 * The head of an HTTP/1.1 request: request line and header fields.
 *
 * @param method  the method token, case preserved (methods are case-sensitive)
 * @param target  the request-target exactly as received (origin-form {@code /path?query} or absolute-form)
 * @param version the protocol version, e.g. {@code HTTP/1.1}
 * @param headers the header fields
 */
public record HttpRequestHead(String method, String target, String version, HttpHeaders headers) {

    public HttpRequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
    }

    /** The raw (still percent-encoded) path of the target, without query; empty for {@code *}. */
    public String rawPath() {
        String t = withoutFragment();
        int query = t.indexOf('?');
        String beforeQuery = query < 0 ? t : t.substring(0, query);
        if (beforeQuery.startsWith("/")) {
            return beforeQuery;
        }
        int scheme = beforeQuery.indexOf("://");
        if (scheme > 0) {
            int slash = beforeQuery.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : beforeQuery.substring(slash);
        }
        return "";
    }

    /** The raw (still percent-encoded) query of the target, or null when there is none. */
    public String rawQuery() {
        String t = withoutFragment();
        int query = t.indexOf('?');
        return query < 0 ? null : t.substring(query + 1);
    }

    private String withoutFragment() {
        // A fragment never belongs on the wire, but a sloppy client may send one: ignore it.
        int hash = target.indexOf('#');
        return hash < 0 ? target : target.substring(0, hash);
    }
}
