package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HttpHeadWriterTest {

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.ISO_8859_1.decode(buffer).toString();
    }

    @Test
    void responseHeadEndsWithABlankLine() {
        HttpHeaders h = new HttpHeaders();
        h.add("Upgrade", "websocket");
        h.add("X-Name", "caf\u00e9");
        ByteBuffer wire = HttpHeadWriter.response(101, "Switching Protocols", h);
        assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX-Name: caf\u00e9\r\n\r\n", text(wire));
    }

    @Test
    void valuesAreWrittenAsIso88591Bytes() {
        HttpHeaders h = new HttpHeaders();
        h.add("X", "\u00e9");
        ByteBuffer wire = HttpHeadWriter.response(200, "OK", h);
        assertEquals(wire.limit() - 5, indexOf(wire, (byte) 0xE9), "one byte 0xE9, then CRLF CRLF");
    }

    private static int indexOf(ByteBuffer b, byte value) {
        for (int i = 0; i < b.limit(); i++) {
            if (b.get(i) == value) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void requestHead() {
        HttpHeaders h = new HttpHeaders();
        h.add("Host", "h");
        assertEquals("GET /a?b=c HTTP/1.1\r\nHost: h\r\n\r\n", text(HttpHeadWriter.request("GET", "/a?b=c", h)));
    }

    @Test
    void startLineCannotBeInjected() {
        HttpHeaders h = new HttpHeaders();
        assertThrows(IllegalArgumentException.class, () -> HttpHeadWriter.response(200, "OK\r\nX: y", h));
        assertThrows(IllegalArgumentException.class, () -> HttpHeadWriter.response(20, "OK", h));
        assertThrows(IllegalArgumentException.class, () -> HttpHeadWriter.request("GET", "/a b", h));
        assertThrows(IllegalArgumentException.class, () -> HttpHeadWriter.request("GE T", "/", h));
        assertThrows(IllegalArgumentException.class, () -> HttpHeadWriter.request("GET", "", h));
    }
}
