package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.websocket.HandshakeResponse;
import org.junit.jupiter.api.Test;

/** jakarta.websocket.HandshakeResponse: a header map a Configurator may change. */
class ServerHandshakeResponseTest {

    @Test
    void headersAreMutableAndCaseInsensitive() {
        ServerHandshakeResponse response = new ServerHandshakeResponse();
        Map<String, List<String>> headers = response.getHeaders();
        headers.put("X-Custom", new ArrayList<>(List.of("1")));
        headers.get("x-custom").add("2");
        assertEquals(List.of("1", "2"), response.getHeaders().get("X-CUSTOM"));
        headers.put("x-custom", List.of("3"));
        assertEquals(1, headers.size(), "one key whatever its case");
        assertEquals(List.of("3"), response.toHttpHeaders().all("X-Custom"));
    }

    @Test
    void startsFromGivenHeadersWithMutableLists() {
        HttpHeaders initial = new HttpHeaders();
        initial.add(HandshakeResponse.SEC_WEBSOCKET_ACCEPT, "abc");
        ServerHandshakeResponse response = new ServerHandshakeResponse(initial);
        response.getHeaders().get("sec-websocket-accept").add("def");
        assertEquals(List.of("abc"), initial.all("Sec-WebSocket-Accept"), "the initial headers are not aliased");
        assertEquals(List.of("abc", "def"), response.toHttpHeaders().all("Sec-WebSocket-Accept"));
    }

    @Test
    void headerInjectionIsCaughtWhenConvertedForTheWire() {
        ServerHandshakeResponse response = new ServerHandshakeResponse();
        response.getHeaders().put("X", List.of("ok\r\nSet-Cookie: evil=1"));
        assertThrows(IllegalArgumentException.class, response::toHttpHeaders);
        assertTrue(new ServerHandshakeResponse().toHttpHeaders().isEmpty());
    }
}
