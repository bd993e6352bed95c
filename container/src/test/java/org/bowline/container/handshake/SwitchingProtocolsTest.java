package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 6455 section 4.2.2 item 5: the server's acceptance. */
class SwitchingProtocolsTest {

    private static HttpResponseHead parse(ByteBuffer wire) throws HttpParseException {
        HttpHeadParser parser = HttpHeadParser.forResponse(8192);
        assertTrue(parser.parse(wire));
        assertEquals(0, wire.remaining());
        return parser.response();
    }

    @Test
    void acceptCarriesTheKeysHashAndTheUpgradeFields() throws HttpParseException {
        HttpResponseHead head = parse(SwitchingProtocols.encode("dGhlIHNhbXBsZSBub25jZQ==", null));
        assertEquals(101, head.status());
        assertEquals("Switching Protocols", head.reason());
        assertEquals("websocket", head.headers().first("Upgrade"));
        assertEquals("Upgrade", head.headers().first("Connection"));
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", head.headers().first("Sec-WebSocket-Accept"));
    }

    @Test
    void extraHeadersCannotOverrideTheProtocolFields() throws HttpParseException {
        HttpHeaders extra = new HttpHeaders();
        extra.add("Sec-WebSocket-Protocol", "chat");
        extra.add("sec-websocket-accept", "forged");
        extra.add("Connection", "close");
        HttpResponseHead head = parse(SwitchingProtocols.encode("dGhlIHNhbXBsZSBub25jZQ==", extra));
        assertEquals(List.of("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), head.headers().all("Sec-WebSocket-Accept"));
        assertEquals(List.of("Upgrade"), head.headers().all("Connection"));
        assertEquals("chat", head.headers().first("Sec-WebSocket-Protocol"));
        assertEquals(3, extra.names().size(), "the caller's headers are left alone");
    }

    @Test
    void theWholeAnswerIsTheRfcsExampleFieldsThenTheExtraOnesInTheirOrder() {
        HttpHeaders extra = new HttpHeaders();
        extra.add("Sec-WebSocket-Protocol", "chat");
        extra.add("X-Trace", "a");
        extra.add("x-trace", "b");
        ByteBuffer wire = SwitchingProtocols.encode("dGhlIHNhbXBsZSBub25jZQ==", extra);
        assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n"
                + "X-Trace: a\r\nX-Trace: b\r\n\r\n", StandardCharsets.ISO_8859_1.decode(wire).toString());
    }

    @Test
    void anExtraValueBeyondAsciiGoesOutAsItsIso88591Byte() throws HttpParseException {
        HttpHeaders extra = new HttpHeaders();
        extra.add("X-Name", "caf\u00e9");
        HttpResponseHead head = parse(SwitchingProtocols.encode("dGhlIHNhbXBsZSBub25jZQ==", extra));
        assertEquals("caf\u00e9", head.headers().first("X-Name"));
    }
}
