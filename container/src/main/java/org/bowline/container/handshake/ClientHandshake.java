package org.bowline.container.handshake;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client side of the opening handshake (RFC 6455 sections 4.1 and 4.2.2): builds the upgrade
 * request and validates the server's response.
 *
 * <p>Extra headers are applied last and replace generated fields of the same name, so a
 * {@code ClientEndpointConfig.Configurator} that rewrote the request in {@code beforeRequest}
 * can hand back the whole map. The response is then checked against what is actually sent: the
 * key, the offered subprotocols and the offered extensions are read from the final headers.
 * Not thread-safe; one instance per connection attempt.
 */
public final class ClientHandshake {

    private final String target;
    private final HttpHeaders requestHeaders;
    private final String key;
    private final List<String> offeredSubprotocols;
    private final List<String> offeredExtensions;

    private String subprotocol;
    private List<String> extensions;

    /**
     * @param uri                    the ws, wss, http or https URI to connect to
     * @param key                    the Sec-WebSocket-Key to send, or null for a fresh one
     * @param subprotocols           subprotocols to offer, in preference order (tokens); null for none
     * @param extensionsHeaderOrNull the Sec-WebSocket-Extensions offer, or null for none
     * @param extraHeaders           further fields (Origin, Cookie, Authorization...); null for none
     * @throws IllegalArgumentException for an unusable URI, key, subprotocol or header
     */
    public ClientHandshake(URI uri, String key, List<String> subprotocols, String extensionsHeaderOrNull,
            HttpHeaders extraHeaders) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("wss") || scheme.equals("https");
        if (!secure && !scheme.equals("ws") && !scheme.equals("http")) {
            throw new IllegalArgumentException("Not a WebSocket URI (scheme must be ws or wss): " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("WebSocket URI without a host: " + uri);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();

        HttpHeaders headers = new HttpHeaders();
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (secure ? 443 : 80);
        headers.add("Host", defaultPort ? uri.getHost() : uri.getHost() + ":" + port);
        headers.add("Upgrade", "websocket");
        headers.add("Connection", "Upgrade");
        headers.add("Sec-WebSocket-Key", key == null ? AcceptKey.newKey() : key);
        headers.add("Sec-WebSocket-Version", UpgradeRequestValidator.WEBSOCKET_VERSION);
        if (subprotocols != null && !subprotocols.isEmpty()) {
            for (String protocol : subprotocols) {
                if (!HttpSyntax.isToken(protocol)) {
                    throw new IllegalArgumentException("A subprotocol must be a token: " + protocol);
                }
            }
            headers.add("Sec-WebSocket-Protocol", String.join(", ", subprotocols));
        }
        if (extensionsHeaderOrNull != null && !extensionsHeaderOrNull.isBlank()) {
            headers.add("Sec-WebSocket-Extensions", extensionsHeaderOrNull);
        }
        if (extraHeaders != null) {
            for (String name : extraHeaders.names()) {
                headers.remove(name);
            }
            headers.addAll(extraHeaders);
        }

        List<String> keys = headers.all("Sec-WebSocket-Key");
        if (keys.size() != 1 || !AcceptKey.isValidKey(keys.get(0))) {
            throw new IllegalArgumentException("Sec-WebSocket-Key must be one base64 value of 16 bytes: " + keys);
        }
        this.key = keys.get(0);
        this.requestHeaders = headers;
        this.offeredSubprotocols = headers.tokens("Sec-WebSocket-Protocol");
        List<String> offered = new ArrayList<>();
        for (String value : headers.all("Sec-WebSocket-Extensions")) {
            offered.addAll(extensionNames(value));
        }
        this.offeredExtensions = List.copyOf(offered);
    }

    /** The request-target sent: the URI's raw path (or {@code /}) and raw query. */
    public String target() {
        return target;
    }

    /** The Sec-WebSocket-Key sent. */
    public String key() {
        return key;
    }

    /** A copy of the header fields the request carries. */
    public HttpHeaders requestHeaders() {
        return requestHeaders.copy();
    }

    /** The whole upgrade request head, flipped and ready to write. */
    public ByteBuffer encodeRequest() {
        return HttpHeadWriter.request("GET", target, requestHeaders);
    }

    /**
     * Checks the server's answer. Throws with a clear message when the status is not 101 (naming
     * the status and, for 3xx, the Location: redirects are not followed), when Upgrade or
     * Connection is missing or wrong, when Sec-WebSocket-Accept does not match the key, or when
     * the server chose a subprotocol or extension that was not offered.
     */
    public void validateResponse(HttpResponseHead response) throws HandshakeFailedException {
        int status = response.status();
        HttpHeaders headers = response.headers();
        if (!response.version().startsWith("HTTP/1.")) {
            throw new HandshakeFailedException("Server answered with unsupported " + response.version(), status);
        }
        if (status != 101) {
            throw statusFailure(response);
        }
        if (!headers.hasToken("Upgrade", "websocket")) {
            throw new HandshakeFailedException(headers.contains("Upgrade")
                    ? "Server's Upgrade header is not websocket: " + String.join(", ", headers.all("Upgrade"))
                    : "Server's 101 response lacks the Upgrade header", status);
        }
        if (!headers.hasToken("Connection", "upgrade")) {
            throw new HandshakeFailedException(headers.contains("Connection")
                    ? "Server's Connection header lacks the Upgrade token: "
                            + String.join(", ", headers.all("Connection"))
                    : "Server's 101 response lacks the Connection header", status);
        }
        List<String> accept = headers.all("Sec-WebSocket-Accept");
        String expected = AcceptKey.of(key);
        if (accept.isEmpty()) {
            throw new HandshakeFailedException("Server's 101 response lacks the Sec-WebSocket-Accept header", status);
        }
        if (accept.size() != 1 || !accept.get(0).equals(expected)) {
            throw new HandshakeFailedException("Wrong Sec-WebSocket-Accept: expected " + expected + " but got "
                    + String.join(", ", accept), status);
        }
        List<String> chosen = headers.tokens("Sec-WebSocket-Protocol");
        if (chosen.size() > 1) {
            throw new HandshakeFailedException("Server selected more than one subprotocol: "
                    + String.join(", ", chosen), status);
        }
        if (chosen.size() == 1 && !offeredSubprotocols.contains(chosen.get(0))) {
            throw new HandshakeFailedException("Server selected subprotocol " + chosen.get(0)
                    + " which was not offered (offered: " + describe(offeredSubprotocols) + ")", status);
        }
        List<String> extensionValues = headers.all("Sec-WebSocket-Extensions");
        for (String value : extensionValues) {
            for (String name : extensionNames(value)) {
                if (!containsIgnoreCase(offeredExtensions, name)) {
                    throw new HandshakeFailedException("Server selected extension " + name
                            + " which was not offered (offered: " + describe(offeredExtensions) + ")", status);
                }
            }
        }
        this.subprotocol = chosen.isEmpty() ? "" : chosen.get(0);
        this.extensions = List.copyOf(extensionValues);
    }

    /** The subprotocol the server selected, "" for none; valid after {@link #validateResponse} succeeded. */
    public String subprotocol() {
        checkValidated();
        return subprotocol;
    }

    /**
     * The raw Sec-WebSocket-Extensions values of the accepted response, for the extension layer to
     * negotiate; valid after {@link #validateResponse} succeeded.
     */
    public List<String> extensions() {
        checkValidated();
        return extensions;
    }

    private void checkValidated() {
        if (subprotocol == null) {
            throw new IllegalStateException("No response has been validated");
        }
    }

    private static HandshakeFailedException statusFailure(HttpResponseHead response) {
        int status = response.status();
        StringBuilder message = new StringBuilder("Server answered ").append(status);
        if (!response.reason().isEmpty()) {
            message.append(' ').append(response.reason());
        }
        message.append(" instead of 101 Switching Protocols");
        String location = null;
        if (status / 100 == 3) {
            location = response.headers().first("Location");
            message.append(location == null
                    ? "; redirect without a Location (redirects are not followed)"
                    : "; redirect to " + location + " (redirects are not followed)");
        } else if (status == 426 && response.headers().contains("Sec-WebSocket-Version")) {
            message.append("; server supports WebSocket version ")
                    .append(String.join(", ", response.headers().tokens("Sec-WebSocket-Version")));
        }
        return new HandshakeFailedException(message.toString(), status, location);
    }

    /** Extension names of one Sec-WebSocket-Extensions value; commas inside quoted parameters do not split. */
    static List<String> extensionNames(String value) {
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        boolean escaped = false;
        boolean inName = true;
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                addName(names, name);
                inName = true;
            } else if (c == ';') {
                inName = false;
            } else if (inName) {
                name.append(c);
            }
        }
        addName(names, name);
        return names;
    }

    private static void addName(List<String> names, StringBuilder name) {
        String trimmed = HttpSyntax.trimOws(name.toString());
        if (!trimmed.isEmpty()) {
            names.add(trimmed);
        }
        name.setLength(0);
    }

    private static boolean containsIgnoreCase(List<String> list, String s) {
        for (String item : list) {
            if (item.equalsIgnoreCase(s)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<String> offered) {
        return offered.isEmpty() ? "none" : String.join(", ", offered);
    }
}
