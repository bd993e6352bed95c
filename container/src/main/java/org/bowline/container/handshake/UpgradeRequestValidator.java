package org.bowline.container.handshake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Server-side validation of a WebSocket upgrade request (RFC 6455 section 4.2.1).
 *
 * <p>Checks run in this order and the first failure wins: HTTP version, method, request-target,
 * {@code Host}, {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Version},
 * {@code Sec-WebSocket-Key}. Whether the path names an endpoint (404) and whether the origin is
 * acceptable (403) are for the server to decide, before or after this.
 */
public final class UpgradeRequestValidator {

    /** The only WebSocket version this implementation speaks (RFC 6455 section 4.4). */
    public static final String WEBSOCKET_VERSION = "13";

    private UpgradeRequestValidator() {
    }

    /** Empty when {@code request} is a valid WebSocket upgrade; otherwise the answer to refuse it with. */
    public static Optional<HandshakeRejection> validate(HttpRequestHead request) {
        HandshakeRejection rejection = checkVersion(request.version());
        if (rejection == null) {
            rejection = checkMethod(request.method());
        }
        if (rejection == null) {
            rejection = checkTarget(request.target());
        }
        if (rejection == null) {
            rejection = checkHeaders(request.headers());
        }
        return Optional.ofNullable(rejection);
    }

    private static HandshakeRejection checkVersion(String version) {
        if (version.length() != 8 || !version.startsWith("HTTP/") || version.charAt(6) != '.'
                || !Character.isDigit(version.charAt(5)) || !Character.isDigit(version.charAt(7))) {
            return HandshakeRejection.of(400, "Malformed HTTP version: " + version);
        }
        if (version.charAt(5) != '1') {
            // RFC 9110 section 15.6.6: 505 is about the major version, which we do not speak at all.
            return HandshakeRejection.of(505, "HTTP version not supported: " + version);
        }
        if (version.charAt(7) == '0') {
            // HTTP/1.0 is a version we understand, but RFC 6455 section 4.1 requires 1.1 for the
            // upgrade: the request is valid HTTP yet not a valid handshake, hence 400 and not 505.
            return HandshakeRejection.of(400, "A WebSocket upgrade needs HTTP/1.1 or later, got " + version);
        }
        return null;
    }

    private static HandshakeRejection checkMethod(String method) {
        if (method.equals("GET")) {
            return null;
        }
        // 405 rather than 400: the server only asks us once it knows the path is a WebSocket
        // endpoint, and that resource supports exactly one method. RFC 9110 section 15.5.6
        // requires Allow on a 405, which also tells the client what would have worked.
        return HandshakeRejection.of(405, "A WebSocket upgrade must use the GET method, not " + method,
                "Allow", "GET");
    }

    private static HandshakeRejection checkTarget(String target) {
        if (RequestUri.isPlainOriginForm(target)) {
            return null;   // what URI would have said, without its parser (see RequestUri)
        }
        boolean originForm = target.startsWith("/");
        if (!originForm) {
            String lower = target.toLowerCase(Locale.ROOT);
            boolean absoluteForm = lower.startsWith("ws://") || lower.startsWith("wss://")
                    || lower.startsWith("http://") || lower.startsWith("https://");
            if (!absoluteForm) {
                return HandshakeRejection.of(400, "The request-target must be a path or an absolute ws/http URI: "
                        + target);
            }
        }
        try {
            new URI(target);
        } catch (URISyntaxException e) {
            // Caught here so the server can always turn a validated target into a URI.
            return HandshakeRejection.of(400, "Malformed request-target: " + target);
        }
        return null;
    }

    private static HandshakeRejection checkHeaders(HttpHeaders headers) {
        List<String> host = headers.all("Host");
        if (host.isEmpty()) {
            return HandshakeRejection.of(400, "Missing Host header");
        }
        if (host.size() > 1) {
            // RFC 9112 section 3.2: more than one Host field MUST be answered with 400.
            return HandshakeRejection.of(400, "More than one Host header");
        }
        if (!headers.hasToken("Upgrade", "websocket")) {
            // 400, not 426: RFC 6455 section 4.2.2 answers any handshake that does not match
            // section 4.2.1 with 400, and keeps 426 for the version negotiation of section 4.4,
            // where a client reads Sec-WebSocket-Version from it and may retry. A 426 here would
            // also oblige us (RFC 9110 section 15.5.22) to advertise Upgrade to a client that may
            // never have wanted a WebSocket at all.
            return HandshakeRejection.of(400, "The Upgrade header must contain the token websocket");
        }
        if (!headers.hasToken("Connection", "upgrade")) {
            return HandshakeRejection.of(400, "The Connection header must contain the token Upgrade");
        }
        List<String> version = headers.all("Sec-WebSocket-Version");
        if (version.size() != 1 || !version.get(0).equals(WEBSOCKET_VERSION)) {
            return HandshakeRejection.of(426,
                    "The Sec-WebSocket-Version header must be " + WEBSOCKET_VERSION
                            + (version.isEmpty() ? " but is missing" : " but is " + String.join(", ", version)),
                    "Sec-WebSocket-Version", WEBSOCKET_VERSION);
        }
        List<String> key = headers.all("Sec-WebSocket-Key");
        if (key.isEmpty()) {
            return HandshakeRejection.of(400, "Missing Sec-WebSocket-Key header");
        }
        if (key.size() > 1) {
            return HandshakeRejection.of(400, "More than one Sec-WebSocket-Key header");
        }
        if (!AcceptKey.isValidKey(key.get(0))) {
            return HandshakeRejection.of(400, "The Sec-WebSocket-Key header is not base64 of 16 bytes");
        }
        return null;
    }
}
