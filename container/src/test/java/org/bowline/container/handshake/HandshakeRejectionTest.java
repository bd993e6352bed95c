package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HandshakeRejectionTest {

    @Test
    void ofUsesTheStandardReasonPhrase() {
        HandshakeRejection r = HandshakeRejection.of(400, "Missing Host header");
        assertEquals(400, r.status());
        assertEquals("Bad Request", r.reason());
        assertTrue(r.headers().isEmpty());
        assertEquals("Missing Host header", r.body());
    }

    @Test
    void encodesACompleteResponseThatClosesTheConnection() throws HttpParseException {
        HttpHeaders extra = new HttpHeaders();
        extra.add("Sec-WebSocket-Version", "13");
        extra.add("Connection", "keep-alive");
        HandshakeRejection r = new HandshakeRejection(426, "Upgrade Required", extra, "Version \u00e9 13");
        ByteBuffer wire = r.encode();

        HttpHeadParser parser = HttpHeadParser.forResponse(8192);
        assertTrue(parser.parse(wire));
        HttpResponseHead head = parser.response();
        assertEquals(426, head.status());
        assertEquals("Upgrade Required", head.reason());
        assertEquals("13", head.headers().first("Sec-WebSocket-Version"));
        assertEquals("text/plain; charset=utf-8", head.headers().first("Content-Type"));
        assertEquals(List.of("close"), head.headers().all("Connection"), "our Connection: close wins");
        byte[] body = new byte[wire.remaining()];
        wire.get(body);
        assertEquals(Integer.parseInt(head.headers().first("Content-Length")), body.length);
        assertEquals("Version \u00e9 13", new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void encodingDoesNotChangeTheRejectionsHeaders() {
        HandshakeRejection r = HandshakeRejection.of(405, "GET only", "Allow", "GET");
        r.encode();
        assertEquals(List.of("Allow"), List.copyOf(r.headers().names()));
    }

    @Test
    void nullHeadersAndBodyAreEmptyAndBadStatusIsRefused() {
        HandshakeRejection r = new HandshakeRejection(403, "Forbidden", null, null);
        assertTrue(r.headers().isEmpty());
        assertEquals("", r.body());
        assertThrows(IllegalArgumentException.class, () -> HandshakeRejection.of(42, "x"));
    }
}
