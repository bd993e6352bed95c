package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** RFC 6455 section 4.2.1: what a server requires of an opening handshake. */
class UpgradeRequestValidatorTest {

    private static HttpHeaders validHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Host", "server.example.com");
        headers.add("Upgrade", "websocket");
        headers.add("Connection", "Upgrade");
        headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.add("Sec-WebSocket-Version", "13");
        return headers;
    }

    private static Optional<HandshakeRejection> validate(HttpHeaders headers) {
        return UpgradeRequestValidator.validate(new HttpRequestHead("GET", "/chat", "HTTP/1.1", headers));
    }

    private static HandshakeRejection rejected(HttpHeaders headers) {
        Optional<HandshakeRejection> rejection = validate(headers);
        assertTrue(rejection.isPresent(), "expected a rejection");
        return rejection.get();
    }

    private static HandshakeRejection rejected(String method, String target, String version) {
        Optional<HandshakeRejection> rejection =
                UpgradeRequestValidator.validate(new HttpRequestHead(method, target, version, validHeaders()));
        assertTrue(rejection.isPresent(), "expected a rejection");
        return rejection.get();
    }

    @Test
    void validUpgradeIsAccepted() {
        assertEquals(Optional.empty(), validate(validHeaders()));
    }

    @Test
    void headerNamesAndTokensAreMatchedCaseInsensitively() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("host", "a");
        headers.add("UPGRADE", "WebSocket");
        headers.add("connection", "keep-alive, UPGRADE");
        headers.add("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.add("SEC-WEBSOCKET-VERSION", "13");
        assertEquals(Optional.empty(), validate(headers));
    }

    @Test
    void absoluteFormTargetIsAccepted() {
        assertEquals(Optional.empty(), UpgradeRequestValidator.validate(
                new HttpRequestHead("GET", "ws://server.example.com/chat", "HTTP/1.1", validHeaders())));
    }

    @Test
    void methodMustBeGet() {
        HandshakeRejection rejection = rejected("POST", "/chat", "HTTP/1.1");
        assertEquals(405, rejection.status());
        assertEquals("Method Not Allowed", rejection.reason());
        assertEquals(List.of("GET"), rejection.headers().all("Allow"));
        assertTrue(rejection.body().contains("GET"), rejection.body());
    }

    @Test
    void methodIsCaseSensitive() {
        assertEquals(405, rejected("get", "/chat", "HTTP/1.1").status());
    }

    @Test
    void versionMustBeAtLeastHttp11() {
        HandshakeRejection rejection = rejected("GET", "/chat", "HTTP/1.0");
        assertEquals(400, rejection.status());
        assertTrue(rejection.body().contains("HTTP/1.1"), rejection.body());
        assertEquals(Optional.empty(), UpgradeRequestValidator.validate(
                new HttpRequestHead("GET", "/chat", "HTTP/1.2", validHeaders())), "later 1.x minors are fine");
    }

    @Test
    void otherMajorVersionIs505() {
        assertEquals(505, rejected("GET", "/chat", "HTTP/2.0").status());
    }

    @Test
    void requestTargetMustBeAPathOrAbsoluteUri() {
        assertEquals(400, rejected("GET", "*", "HTTP/1.1").status());
        assertEquals(400, rejected("GET", "server.example.com:80", "HTTP/1.1").status());
        HandshakeRejection malformed = rejected("GET", "/chat%zz", "HTTP/1.1");
        assertEquals(400, malformed.status());
        assertTrue(malformed.body().contains("request-target"), malformed.body());
    }

    @Test
    void hostHeaderIsRequired() {
        HttpHeaders headers = validHeaders();
        headers.remove("Host");
        HandshakeRejection rejection = rejected(headers);
        assertEquals(400, rejection.status());
        assertTrue(rejection.body().contains("Host"), rejection.body());
    }

    @Test
    void hostHeaderMustNotBeDuplicated() {
        HttpHeaders headers = validHeaders();
        headers.add("Host", "evil.example.com");
        HandshakeRejection rejection = rejected(headers);
        assertEquals(400, rejection.status());
        assertTrue(rejection.body().contains("Host"), rejection.body());
    }

    @Test
    void upgradeMustContainWebsocket() {
        for (String upgrade : List.of("h2c", "websocket2", "")) {
            HttpHeaders headers = validHeaders();
            headers.set("Upgrade", upgrade);
            HandshakeRejection rejection = rejected(headers);
            assertEquals(400, rejection.status(), upgrade);
            assertTrue(rejection.body().contains("Upgrade"), rejection.body());
        }
        HttpHeaders several = validHeaders();
        several.set("Upgrade", "h2c, websocket");
        assertEquals(Optional.empty(), validate(several), "websocket among other tokens");
    }

    @Test
    void missingUpgradeIs400() {
        HttpHeaders headers = validHeaders();
        headers.remove("Upgrade");
        HandshakeRejection rejection = rejected(headers);
        assertEquals(400, rejection.status());
        assertTrue(rejection.body().contains("Upgrade"), rejection.body());
    }

    @Test
    void connectionMustContainUpgradeToken() {
        HttpHeaders headers = validHeaders();
        headers.set("Connection", "keep-alive");
        HandshakeRejection rejection = rejected(headers);
        assertEquals(400, rejection.status());
        assertTrue(rejection.body().contains("Connection"), rejection.body());

        HttpHeaders substring = validHeaders();
        substring.set("Connection", "upgraded");
        assertEquals(400, rejected(substring).status(), "a token, not a substring");

        HttpHeaders missing = validHeaders();
        missing.remove("Connection");
        assertEquals(400, rejected(missing).status());
    }

    @Test
    void connectionUpgradeMayComeInAnyField() {
        HttpHeaders headers = validHeaders();
        headers.set("Connection", "keep-alive");
        headers.add("Connection", "Upgrade");
        assertEquals(Optional.empty(), validate(headers));
    }

    @Test
    void secWebSocketVersionMissingIs426() {
        HttpHeaders headers = validHeaders();
        headers.remove("Sec-WebSocket-Version");
        HandshakeRejection rejection = rejected(headers);
        assertEquals(426, rejection.status());
        assertEquals(List.of("13"), rejection.headers().all("Sec-WebSocket-Version"));
        assertTrue(rejection.body().contains("Sec-WebSocket-Version"), rejection.body());
    }

    @Test
    void secWebSocketVersionOtherThan13Is426() {
        for (String version : List.of("8", "14", "13, 8", "013")) {
            HttpHeaders headers = validHeaders();
            headers.set("Sec-WebSocket-Version", version);
            HandshakeRejection rejection = rejected(headers);
            assertEquals(426, rejection.status(), version);
            assertEquals("Upgrade Required", rejection.reason());
            assertEquals(List.of("13"), rejection.headers().all("Sec-WebSocket-Version"));
        }
        HttpHeaders twice = validHeaders();
        twice.add("Sec-WebSocket-Version", "13");
        assertEquals(426, rejected(twice).status(), "the field must appear once");
    }

    @Test
    void secWebSocketKeyIsRequired() {
        HttpHeaders headers = validHeaders();
        headers.remove("Sec-WebSocket-Key");
        HandshakeRejection rejection = rejected(headers);
        assertEquals(400, rejection.status());
        assertTrue(rejection.body().contains("Sec-WebSocket-Key"), rejection.body());
    }

    @Test
    void secWebSocketKeyMustNotBeDuplicated() {
        HttpHeaders headers = validHeaders();
        headers.add("Sec-WebSocket-Key", "AQIDBAUGBwgJCgsMDQ4PEA==");
        HandshakeRejection rejection = rejected(headers);
        assertEquals(400, rejection.status());
        assertTrue(rejection.body().contains("Sec-WebSocket-Key"), rejection.body());
    }

    @Test
    void secWebSocketKeyMustBeBase64Of16Bytes() {
        for (String key : List.of("dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZSE=", "not base64 at all!!!!!==",
                "", "AQIDBAUGBwgJCgsMDQ4P")) {
            HttpHeaders headers = validHeaders();
            headers.set("Sec-WebSocket-Key", key);
            HandshakeRejection rejection = rejected(headers);
            assertEquals(400, rejection.status(), key);
            assertTrue(rejection.body().contains("Sec-WebSocket-Key"), rejection.body());
        }
    }
}
