package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.websocket.server.HandshakeRequest;
import org.junit.jupiter.api.Test;

/** jakarta.websocket.server.HandshakeRequest: read-only headers and parameters. */
class ServerHandshakeRequestTest {

    private static HttpRequestHead head(String target) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Host", "example.com:8080");
        headers.add("Sec-WebSocket-Protocol", "a");
        headers.add("sec-websocket-protocol", "b");
        return new HttpRequestHead("GET", target, "HTTP/1.1", headers);
    }

    @Test
    void headersAreCaseInsensitiveAndReadOnly() throws HttpParseException {
        HttpRequestHead head = head("/chat");
        HandshakeRequest request = new ServerHandshakeRequest(head, RequestUri.of(head, false),
                null, null, null, null);
        Map<String, List<String>> headers = request.getHeaders();
        assertEquals(List.of("a", "b"), headers.get(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL));
        assertEquals(List.of("a", "b"), headers.get("SEC-WEBSOCKET-PROTOCOL"));
        assertThrows(UnsupportedOperationException.class, () -> headers.put("X", List.of("y")));
        assertThrows(UnsupportedOperationException.class, () -> headers.get("host").add("evil"));
    }

    @Test
    void parametersComeFromTheQueryAndAreReadOnly() throws HttpParseException {
        HttpRequestHead head = head("/chat?room=a%20b&room=c&x");
        HandshakeRequest request = new ServerHandshakeRequest(head, RequestUri.of(head, true),
                null, null, null, null);
        assertEquals("room=a%20b&room=c&x", request.getQueryString(), "the raw query");
        assertEquals(URI.create("wss://example.com:8080/chat?room=a%20b&room=c&x"), request.getRequestURI());
        Map<String, List<String>> params = request.getParameterMap();
        assertEquals(List.of("a b", "c"), params.get("room"));
        assertEquals(List.of(""), params.get("x"));
        assertThrows(UnsupportedOperationException.class, () -> params.put("y", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> params.get("room").add("d"));
    }

    @Test
    void givenParametersAreCopiedReadOnly() {
        Map<String, List<String>> given = new LinkedHashMap<>();
        given.put("id", new ArrayList<>(List.of("7")));
        HandshakeRequest request = new ServerHandshakeRequest(head("/x"), RequestUri.of(URI.create("ws://h/x")), given,
                null, null, null);
        given.get("id").add("8");
        assertEquals(List.of("7"), request.getParameterMap().get("id"));
        assertThrows(UnsupportedOperationException.class, () -> request.getParameterMap().clear());
    }

    @Test
    void securityAndSessionAreHandedThrough() {
        Principal alice = () -> "alice";
        Object session = new Object();
        HandshakeRequest request = new ServerHandshakeRequest(head("/x"), RequestUri.of(URI.create("ws://h/x")), Map.of(),
                alice, "admin"::equals, session);
        assertSame(alice, request.getUserPrincipal());
        assertTrue(request.isUserInRole("admin"));
        assertFalse(request.isUserInRole("guest"));
        assertFalse(request.isUserInRole(null));
        assertSame(session, request.getHttpSession());

        HandshakeRequest anonymous = new ServerHandshakeRequest(head("/x"), RequestUri.of(URI.create("ws://h/x")), null,
                null, null, null);
        assertNull(anonymous.getUserPrincipal());
        assertFalse(anonymous.isUserInRole("admin"));
        assertNull(anonymous.getHttpSession());
        assertNull(anonymous.getQueryString());
        assertTrue(anonymous.getParameterMap().isEmpty());
    }
}
