package org.bowline.container.handshake;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import jakarta.websocket.server.HandshakeRequest;

/**
 * {@link HandshakeRequest} over a parsed upgrade request. Immutable: headers and parameters are
 * read-only, as the specification says they are unmodifiable; the headers map and the URI are made on
 * first call, from the request head, which nothing changes once it is parsed.
 */
public final class ServerHandshakeRequest implements HandshakeRequest {

    private final HttpRequestHead head;
    private final RequestUri requestUri;
    /** {@link #getHeaders()}'s map, made when first asked for: most upgrades never are. */
    private volatile Map<String, List<String>> headers;
    private final Map<String, List<String>> parameterMap;
    private final Principal principal;
    private final Predicate<String> userInRole;
    private final Object httpSession;
    private final Map<String, String> pathParameters;
    private final InetSocketAddress remoteAddress;

    /**
     * @param head         the parsed request
     * @param requestUri   the request URI (see {@link RequestUri#of(HttpRequestHead, boolean)})
     * @param parameterMap the request parameters, or null to decode them from the URI's query
     * @param principal    the authenticated user, or null
     * @param userInRole   answers {@link #isUserInRole}, or null when no user is in any role
     * @param httpSession  the host's HTTP session, or null
     */
    public ServerHandshakeRequest(HttpRequestHead head, RequestUri requestUri, Map<String, List<String>> parameterMap,
            Principal principal, Predicate<String> userInRole, Object httpSession) {
        this.head = Objects.requireNonNull(head, "head");
        this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
        this.parameterMap = parameterMap == null ? QueryString.parse(requestUri.rawQuery()) : readOnly(parameterMap);
        this.principal = principal;
        this.userInRole = userInRole;
        this.httpSession = httpSession;
        this.pathParameters = Map.of();
        this.remoteAddress = null;
    }

    private ServerHandshakeRequest(ServerHandshakeRequest request, Map<String, String> pathParameters,
                                   InetSocketAddress remoteAddress) {
        this.head = request.head;
        this.requestUri = request.requestUri;
        this.headers = request.headers;
        this.parameterMap = request.parameterMap;
        this.principal = request.principal;
        this.userInRole = request.userInRole;
        this.httpSession = request.httpSession;
        this.pathParameters = pathParameters == null || pathParameters.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
        this.remoteAddress = remoteAddress;
    }

    /**
     * This request as the endpoint the template matched sees it: with the template's variables
     * apart from the query's parameters, and the client's address. The Jakarta API has neither;
     * adapters built on it (the service model's upgrade request) read them here.
     *
     * @param pathParameters the template's variables, decoded, in the template's order
     * @param remoteAddress  the client's address, or null when the host does not know it
     */
    public ServerHandshakeRequest withConnection(Map<String, String> pathParameters, InetSocketAddress remoteAddress) {
        return new ServerHandshakeRequest(this, pathParameters, remoteAddress);
    }

    /** The HTTP method, as sent. */
    public String method() {
        return head.method();
    }

    /** The variables of the endpoint's URI template, read-only in template order; empty when none. */
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    /** The client's address, or null when the host does not know it. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** Whether the request came over TLS (the request URI's scheme is wss). */
    public boolean isSecure() {
        return requestUri.isSecure();
    }

    /**
     * The parameters {@link #getParameterMap} reports for a request to an endpoint whose URI
     * template matched: the query's parameters and then the path parameters, as Tomcat and Tyrus
     * report them (the Javadoc's "request parameters" include the ones the template extracted). A
     * path parameter replaces a query parameter of the same name, since the endpoint's
     * {@code @PathParam} sees the path's value.
     *
     * @param rawQuery       the undecoded query, or null
     * @param pathParameters the template's variables, decoded; may be empty
     * @return a read-only map in that order
     */
    public static Map<String, List<String>> parameters(String rawQuery, Map<String, String> pathParameters) {
        Map<String, List<String>> query = QueryString.parse(rawQuery);
        if (pathParameters.isEmpty()) {
            return query;
        }
        Map<String, List<String>> all = new LinkedHashMap<>(query);
        pathParameters.forEach((name, value) -> all.put(name, List.of(value)));
        return Collections.unmodifiableMap(all);
    }

    /** The parsed request this wraps. */
    public HttpRequestHead head() {
        return head;
    }

    /** Read-only, case-insensitive keys, values in arrival order. */
    @Override
    public Map<String, List<String>> getHeaders() {
        Map<String, List<String>> map = headers;
        if (map == null) {
            map = head.headers().asMap();   // the head is not changed after parsing; a race makes two equal maps
            headers = map;
        }
        return map;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public URI getRequestURI() {
        return requestUri.toUri();
    }

    /** The request URI as text, without parsing it. */
    public String requestUriText() {
        return requestUri.text();
    }

    @Override
    public boolean isUserInRole(String role) {
        return userInRole != null && role != null && userInRole.test(role);
    }

    @Override
    public Object getHttpSession() {
        return httpSession;
    }

    /** Read-only. */
    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameterMap;
    }

    /** The raw (undecoded) query string, or null when there is none. */
    @Override
    public String getQueryString() {
        return requestUri.rawQuery();
    }

    private static Map<String, List<String>> readOnly(Map<String, List<String>> map) {
        if (map.isEmpty()) {
            return Map.of(); // the usual case; a session keeps this map, and 10,000 empty copies add up
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((name, values) -> copy.put(name, values == null ? List.of() : List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
