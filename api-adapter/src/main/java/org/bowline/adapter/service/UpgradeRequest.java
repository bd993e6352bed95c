package org.bowline.adapter.service;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.websocket.server.HandshakeRequest;

import org.bowline.container.handshake.QueryString;
import org.bowline.container.handshake.ServerHandshakeRequest;

/**
 * The HTTP upgrade request an {@link UpgradeService} decides, as a read-only snapshot: method, path,
 * the path template's variables, query parameters, headers (names case-insensitive), cookies, the
 * client's address and whether it came over TLS.
 */
public final class UpgradeRequest {

    private final String method;
    private final URI requestUri;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> queryParams;
    private final Map<String, List<String>> headers;
    private final Map<String, String> cookies;
    private final InetSocketAddress remoteAddress;
    private final boolean secure;

    private UpgradeRequest(String method, URI requestUri, Map<String, String> pathParams,
                           Map<String, List<String>> headers, InetSocketAddress remoteAddress, boolean secure) {
        this.method = method;
        this.requestUri = requestUri;
        this.pathParams = pathParams;
        this.queryParams = QueryString.parse(requestUri.getRawQuery());
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.merge(name, List.copyOf(values), (a, b) -> {
            List<String> both = new java.util.ArrayList<>(a);
            both.addAll(b);
            return List.copyOf(both);
        }));
        this.headers = Collections.unmodifiableMap(byName);
        this.cookies = parseCookies(this.headers.getOrDefault("Cookie", List.of()));
        this.remoteAddress = remoteAddress;
        this.secure = secure;
    }

    /**
     * A snapshot of a Jakarta handshake request; Bowline's carries the template's variables and the
     * client's address, other containers' leave them empty and null.
     */
    static UpgradeRequest of(HandshakeRequest request) {
        URI uri = request.getRequestURI();
        if (request instanceof ServerHandshakeRequest bowline) {
            return new UpgradeRequest(bowline.method(), uri, bowline.pathParameters(), request.getHeaders(),
                    bowline.remoteAddress(), bowline.isSecure());
        }
        String scheme = uri.getScheme();
        boolean secure = "wss".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        return new UpgradeRequest("GET", uri, Map.of(), request.getHeaders(), null, secure);
    }

    /** RFC 6265 section 4.2: {@code name=value} pairs separated by {@code ;}; the first of a name wins. */
    private static Map<String, String> parseCookies(List<String> headerValues) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headerValues) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = pair.substring(0, equals).trim();
                String value = pair.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty()) {
                    cookies.putIfAbsent(name, value);
                }
            }
        }
        return Collections.unmodifiableMap(cookies);
    }

    /** The HTTP method: {@code GET} for every valid upgrade. */
    public String method() {
        return method;
    }

    /** The decoded path, without the query. */
    public String path() {
        return requestUri.getPath();
    }

    /** The full request URI ({@code ws://} or {@code wss://}, host, path and query). */
    public URI requestUri() {
        return requestUri;
    }

    /** The variables of the attach path's template ({@code /chat/{room}}), decoded, in template order. */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    /** A template variable, or null. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The query's parameters, decoded, each with its values in order. */
    public Map<String, List<String>> queryParams() {
        return queryParams;
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = queryParams.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every header, names case-insensitive, values in arrival order. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The cookies of the {@code Cookie} headers, by name. */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** A cookie's value, or null. */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /** The client's address, or null when the container does not say. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** Whether the request came over TLS ({@code wss}). */
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String toString() {
        return method + " " + requestUri + (remoteAddress == null ? "" : " from " + remoteAddress);
    }
}
