package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 6455 sections 4.1 (the client's request) and 4.2.2 (what it accepts back). */
class ClientHandshakeTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private static ClientHandshake handshake(List<String> subprotocols, String extensions) {
        return new ClientHandshake(URI.create("ws://server.example.com/chat?room=a%20b"), KEY, subprotocols,
                extensions, null);
    }

    private static HttpHeaders goodResponseHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Upgrade", "websocket");
        headers.add("Connection", "Upgrade");
        headers.add("Sec-WebSocket-Accept", ACCEPT);
        return headers;
    }

    private static HttpResponseHead response(int status, HttpHeaders headers) {
        return new HttpResponseHead("HTTP/1.1", status, ReasonPhrase.of(status), headers);
    }

    private static HttpRequestHead reparse(ByteBuffer encoded) throws HttpParseException {
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        assertTrue(parser.parse(encoded));
        return parser.request();
    }

    @Test
    void requestCarriesTheRequiredFieldsAndPassesServerValidation() throws HttpParseException {
        ClientHandshake client = handshake(List.of("chat", "superchat"), "permessage-deflate; client_max_window_bits");
        HttpRequestHead request = reparse(client.encodeRequest());
        assertEquals("GET", request.method());
        assertEquals("/chat?room=a%20b", request.target());
        assertEquals("HTTP/1.1", request.version());
        HttpHeaders h = request.headers();
        assertEquals("server.example.com", h.first("Host"));
        assertEquals("websocket", h.first("Upgrade"));
        assertEquals("Upgrade", h.first("Connection"));
        assertEquals(KEY, h.first("Sec-WebSocket-Key"));
        assertEquals("13", h.first("Sec-WebSocket-Version"));
        assertEquals(List.of("chat", "superchat"), h.tokens("Sec-WebSocket-Protocol"));
        assertEquals("permessage-deflate; client_max_window_bits", h.first("Sec-WebSocket-Extensions"));
        assertTrue(UpgradeRequestValidator.validate(request).isEmpty());
    }

    @Test
    void hostCarriesTheDefaultPortOnlyWhenNotDefault() throws HttpParseException {
        assertEquals("h", hostFor("ws://h:80/"));
        assertEquals("h", hostFor("wss://h:443/"));
        assertEquals("h:443", hostFor("ws://h:443/"));
        assertEquals("h:8080", hostFor("wss://h:8080/"));
        assertEquals("[::1]:9000", hostFor("ws://[::1]:9000/"));
    }

    private static String hostFor(String uri) throws HttpParseException {
        return reparse(new ClientHandshake(URI.create(uri), null, null, null, null).encodeRequest())
                .headers().first("Host");
    }

    @Test
    void emptyPathBecomesSlash() {
        assertEquals("/", new ClientHandshake(URI.create("ws://h"), null, null, null, null).target());
    }

    @Test
    void noSubprotocolOrExtensionHeaderWhenNoneOffered() throws HttpParseException {
        HttpHeaders h = reparse(handshake(List.of(), null).encodeRequest()).headers();
        assertTrue(!h.contains("Sec-WebSocket-Protocol") && !h.contains("Sec-WebSocket-Extensions"));
    }

    @Test
    void extraHeadersAreSentAndReplaceGeneratedOnes() throws HttpParseException {
        HttpHeaders extra = new HttpHeaders();
        extra.add("Origin", "http://example.com");
        extra.add("Cookie", "a=1");
        extra.add("sec-websocket-protocol", "v2");
        ClientHandshake client = new ClientHandshake(URI.create("ws://h/"), KEY, List.of("v1"), null, extra);
        HttpHeaders h = reparse(client.encodeRequest()).headers();
        assertEquals("http://example.com", h.first("Origin"));
        assertEquals("a=1", h.first("Cookie"));
        assertEquals(List.of("v2"), h.all("Sec-WebSocket-Protocol"));

        HttpHeaders response = goodResponseHeaders();
        response.add("Sec-WebSocket-Protocol", "v1");
        assertThrows(HandshakeFailedException.class, () -> client.validateResponse(response(101, response)),
                "only what was actually sent counts as offered");
    }

    @Test
    void invalidArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(URI.create("ftp://h/"), null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(URI.create("ws://h/"), "short", null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ClientHandshake(URI.create("ws://h/"), null, List.of("a b"), null, null));
    }

    @Test
    void good101IsAccepted() throws HandshakeFailedException {
        ClientHandshake client = handshake(List.of("chat", "superchat"), "permessage-deflate");
        HttpHeaders headers = goodResponseHeaders();
        headers.add("Sec-WebSocket-Protocol", "superchat");
        headers.add("Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover");
        client.validateResponse(response(101, headers));
        assertEquals("superchat", client.subprotocol());
        assertEquals(List.of("permessage-deflate; server_no_context_takeover"), client.extensions());
    }

    @Test
    void resultIsUnavailableBeforeValidation() {
        assertThrows(IllegalStateException.class, () -> handshake(null, null).subprotocol());
    }

    @Test
    void responseTokensAreCaseInsensitive() throws HandshakeFailedException {
        HttpHeaders headers = new HttpHeaders();
        headers.add("upgrade", "WebSocket");
        headers.add("CONNECTION", "upgrade");
        headers.add("sec-websocket-accept", ACCEPT);
        ClientHandshake client = handshake(null, null);
        client.validateResponse(response(101, headers));
        assertEquals("", client.subprotocol());
    }

    @Test
    void statusOtherThan101FailsWithTheStatus() {
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                () -> handshake(null, null).validateResponse(response(403, new HttpHeaders())));
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("403 Forbidden"), e.getMessage());
    }

    @Test
    void redirectIsNotFollowedAndNamesTheLocation() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Location", "wss://other.example.com/chat");
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                () -> handshake(null, null).validateResponse(response(302, headers)));
        assertEquals(302, e.status());
        assertEquals("wss://other.example.com/chat", e.location());
        assertTrue(e.getMessage().contains("302"), e.getMessage());
        assertTrue(e.getMessage().contains("redirect to wss://other.example.com/chat"), e.getMessage());
        assertTrue(e.getMessage().contains("not followed"), e.getMessage());
    }

    @Test
    void versionMismatchNamesTheServersVersions() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Sec-WebSocket-Version", "13, 8");
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                () -> handshake(null, null).validateResponse(response(426, headers)));
        assertEquals(426, e.status());
        assertTrue(e.getMessage().contains("13, 8"), e.getMessage());
    }

    @Test
    void missingOrWrongUpgradeFails() {
        HttpHeaders missing = goodResponseHeaders();
        missing.remove("Upgrade");
        assertTrue(failure(missing).contains("Upgrade"));
        HttpHeaders wrong = goodResponseHeaders();
        wrong.set("Upgrade", "h2c");
        assertTrue(failure(wrong).contains("Upgrade"));
    }

    @Test
    void missingOrWrongConnectionFails() {
        HttpHeaders missing = goodResponseHeaders();
        missing.remove("Connection");
        assertTrue(failure(missing).contains("Connection"));
        HttpHeaders wrong = goodResponseHeaders();
        wrong.set("Connection", "keep-alive");
        assertTrue(failure(wrong).contains("Connection"));
    }

    @Test
    void wrongOrMissingAcceptFails() {
        HttpHeaders wrong = goodResponseHeaders();
        wrong.set("Sec-WebSocket-Accept", AcceptKey.of("AQIDBAUGBwgJCgsMDQ4PEA=="));
        String message = failure(wrong);
        assertTrue(message.contains("Sec-WebSocket-Accept") && message.contains(ACCEPT), message);
        HttpHeaders missing = goodResponseHeaders();
        missing.remove("Sec-WebSocket-Accept");
        assertTrue(failure(missing).contains("Sec-WebSocket-Accept"));
        HttpHeaders twice = goodResponseHeaders();
        twice.add("Sec-WebSocket-Accept", ACCEPT);
        assertTrue(failure(twice).contains("Sec-WebSocket-Accept"));
    }

    @Test
    void subprotocolThatWasNotOfferedFails() {
        HttpHeaders headers = goodResponseHeaders();
        headers.add("Sec-WebSocket-Protocol", "mqtt");
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                () -> handshake(List.of("chat"), null).validateResponse(response(101, headers)));
        assertEquals(101, e.status());
        assertTrue(e.getMessage().contains("mqtt") && e.getMessage().contains("chat"), e.getMessage());
    }

    @Test
    void subprotocolMatchIsExact() {
        HttpHeaders headers = goodResponseHeaders();
        headers.add("Sec-WebSocket-Protocol", "CHAT");
        assertThrows(HandshakeFailedException.class,
                () -> handshake(List.of("chat"), null).validateResponse(response(101, headers)));
    }

    @Test
    void moreThanOneSubprotocolFails() {
        HttpHeaders headers = goodResponseHeaders();
        headers.add("Sec-WebSocket-Protocol", "chat, superchat");
        assertThrows(HandshakeFailedException.class,
                () -> handshake(List.of("chat", "superchat"), null).validateResponse(response(101, headers)));
    }

    @Test
    void extensionThatWasNotOfferedFails() {
        HttpHeaders headers = goodResponseHeaders();
        headers.add("Sec-WebSocket-Extensions", "permessage-deflate");
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                () -> handshake(null, null).validateResponse(response(101, headers)));
        assertTrue(e.getMessage().contains("permessage-deflate"), e.getMessage());
    }

    @Test
    void extensionNamesIgnoreCommasInQuotedParameters() {
        assertEquals(List.of("foo", "bar"), ClientHandshake.extensionNames("foo; a=\"x, y\\\"z\", bar;b=1"));
        assertEquals(List.of("permessage-deflate"), ClientHandshake.extensionNames(" permessage-deflate ;x , "));
    }

    @Test
    void nonHttp1ResponseFails() {
        assertThrows(HandshakeFailedException.class, () -> handshake(null, null)
                .validateResponse(new HttpResponseHead("HTTP/2.0", 101, "", goodResponseHeaders())));
    }

    @Test
    void roundTripThroughTheWireFormat() throws Exception {
        ClientHandshake client = handshake(List.of("chat"), null);
        HttpRequestHead request = reparse(client.encodeRequest());
        HttpHeaders extra = new HttpHeaders();
        extra.add("Sec-WebSocket-Protocol", "chat");
        ByteBuffer wire = SwitchingProtocols.encode(request.headers().first("Sec-WebSocket-Key"), extra);
        HttpHeadParser parser = HttpHeadParser.forResponse(8192);
        assertTrue(parser.parse(wire));
        client.validateResponse(parser.response());
        assertEquals("chat", client.subprotocol());
    }

    private static String failure(HttpHeaders headers) {
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class,
                () -> handshake(null, null).validateResponse(response(101, headers)));
        return e.getMessage();
    }
}
