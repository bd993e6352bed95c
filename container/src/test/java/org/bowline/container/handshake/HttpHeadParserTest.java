package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeadParserTest {

    private static final String REQUEST = "GET /chat?room=1 HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: keep-alive, Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: chat\r\n"
            + "Sec-WebSocket-Protocol: superchat\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    private static final byte[] FRAME = {(byte) 0x81, (byte) 0x85, 1, 2, 3, 4, 0x49, 0x67, 0x6f, 0x68, 0x6e};

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static HttpRequestHead parseWhole(String head) throws HttpParseException {
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        assertTrue(parser.parse(ByteBuffer.wrap(bytes(head))));
        return parser.request();
    }

    /** Feeds {@code data} in the given chunk sizes; returns the parser and the slice that completed it. */
    private static HttpHeadParser feed(HttpHeadParser parser, byte[] data, List<Integer> chunks,
            List<ByteBuffer> completing) throws HttpParseException {
        int offset = 0;
        for (int size : chunks) {
            ByteBuffer chunk = ByteBuffer.wrap(data, offset, size).slice();
            offset += size;
            if (parser.parse(chunk)) {
                completing.add(chunk);
                return parser;
            }
            assertFalse(chunk.hasRemaining(), "an incomplete head drains its buffer");
        }
        return parser;
    }

    private static void assertSameHead(HttpRequestHead expected, HttpRequestHead actual) {
        assertEquals(expected.method(), actual.method());
        assertEquals(expected.target(), actual.target());
        assertEquals(expected.version(), actual.version());
        assertEquals(List.copyOf(expected.headers().names()), List.copyOf(actual.headers().names()));
        assertEquals(expected.headers().asMap(), actual.headers().asMap());
    }

    @Test
    void parsesTheRfc6455SampleRequest() throws HttpParseException {
        HttpRequestHead head = parseWhole(REQUEST);
        assertEquals("GET", head.method());
        assertEquals("/chat?room=1", head.target());
        assertEquals("HTTP/1.1", head.version());
        assertEquals("server.example.com", head.headers().first("host"));
        assertEquals(List.of("chat", "superchat"), head.headers().all("SEC-WEBSOCKET-PROTOCOL"));
        assertEquals("/chat", head.rawPath());
        assertEquals("room=1", head.rawQuery());
    }

    @Test
    void byteByByteParsingGivesTheSameHead() throws HttpParseException {
        byte[] data = bytes(REQUEST);
        List<Integer> ones = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            ones.add(1);
        }
        List<ByteBuffer> completing = new ArrayList<>();
        HttpHeadParser parser = feed(HttpHeadParser.forRequest(8192), data, ones, completing);
        assertEquals(1, completing.size(), "completes exactly on the last byte");
        assertSameHead(parseWhole(REQUEST), parser.request());
    }

    @Test
    void randomSplitsGiveTheSameHead() throws HttpParseException {
        HttpRequestHead expected = parseWhole(REQUEST);
        byte[] data = bytes(REQUEST);
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            List<Integer> chunks = new ArrayList<>();
            int left = data.length;
            while (left > 0) {
                int size = 1 + random.nextInt(Math.min(left, 40));
                chunks.add(size);
                left -= size;
            }
            List<ByteBuffer> completing = new ArrayList<>();
            HttpHeadParser parser = feed(HttpHeadParser.forRequest(8192), data, chunks, completing);
            assertEquals(1, completing.size(), "seed " + seed);
            assertSameHead(expected, parser.request());
        }
    }

    @Test
    void bytesAfterTheHeadStayInTheBuffer() throws HttpParseException {
        byte[] head = bytes(REQUEST);
        ByteBuffer in = ByteBuffer.allocate(head.length + FRAME.length).put(head).put(FRAME).flip();
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        assertTrue(parser.parse(in));
        assertEquals(head.length, in.position());
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        assertArrayEquals(FRAME, rest);
    }

    @Test
    void bytesAfterTheHeadStayInTheBufferAtEverySplit() throws HttpParseException {
        byte[] head = bytes(REQUEST);
        byte[] data = new byte[head.length + FRAME.length];
        System.arraycopy(head, 0, data, 0, head.length);
        System.arraycopy(FRAME, 0, data, head.length, FRAME.length);
        for (int split = 1; split < head.length; split++) {
            List<ByteBuffer> completing = new ArrayList<>();
            feed(HttpHeadParser.forRequest(8192), data, List.of(split, data.length - split), completing);
            ByteBuffer last = completing.get(0);
            byte[] rest = new byte[last.remaining()];
            last.get(rest);
            assertArrayEquals(FRAME, rest, "split at " + split);
        }
    }

    @Test
    void parseAfterCompletionConsumesNothing() throws HttpParseException {
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        assertTrue(parser.parse(ByteBuffer.wrap(bytes(REQUEST))));
        ByteBuffer more = ByteBuffer.wrap(FRAME);
        assertTrue(parser.parse(more));
        assertEquals(0, more.position());
    }

    @Test
    void headTooLargeIs431WithoutReadingFurther() {
        byte[] data = bytes(REQUEST);
        int max = 64;
        HttpHeadParser parser = HttpHeadParser.forRequest(max);
        ByteBuffer in = ByteBuffer.wrap(data);
        HttpParseException e = assertThrows(HttpParseException.class, () -> parser.parse(in));
        assertEquals(431, e.status());
        assertEquals(max, in.position(), "nothing past the limit is consumed");
    }

    @Test
    void headTooLargeIs431AsSoonAsTheLimitIsReached() throws HttpParseException {
        HttpHeadParser parser = HttpHeadParser.forRequest(32);
        // Exactly the limit, head not finished: fail now instead of waiting for more bytes.
        ByteBuffer in = ByteBuffer.wrap(bytes(REQUEST), 0, 32);
        assertEquals(431, assertThrows(HttpParseException.class, () -> parser.parse(in)).status());
        assertEquals(431, assertThrows(HttpParseException.class,
                () -> parser.parse(ByteBuffer.wrap(FRAME))).status(), "a failed parser stays failed");
    }

    @Test
    void headOfExactlyTheLimitIsAccepted() throws HttpParseException {
        byte[] data = bytes(REQUEST);
        HttpHeadParser parser = HttpHeadParser.forRequest(data.length);
        assertTrue(parser.parse(ByteBuffer.wrap(data)));
        HttpHeadParser tooSmall = HttpHeadParser.forRequest(data.length - 1);
        assertEquals(431, assertThrows(HttpParseException.class,
                () -> tooSmall.parse(ByteBuffer.wrap(data))).status());
    }

    @Test
    void bareLfLineEndingsAreTolerated() throws HttpParseException {
        assertSameHead(parseWhole(REQUEST), parseWhole(REQUEST.replace("\r\n", "\n")));
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreIgnored() throws HttpParseException {
        assertSameHead(parseWhole(REQUEST), parseWhole("\r\n\r\n" + REQUEST));
    }

    @Test
    void fieldValuesLoseSurroundingWhitespaceOnly() throws HttpParseException {
        HttpRequestHead head = parseWhole("GET / HTTP/1.1\r\nX-A: \t a  b \t\r\nX-B:\r\nX-C: caf\u00e9\r\n\r\n");
        assertEquals("a  b", head.headers().first("X-A"));
        assertEquals("", head.headers().first("X-B"));
        assertEquals("caf\u00e9", head.headers().first("X-C"), "obs-text is kept as ISO-8859-1");
    }

    @Test
    void sameErrorIsThrownAgainAfterAFailure() {
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        HttpParseException first = assertThrows(HttpParseException.class,
                () -> parser.parse(ByteBuffer.wrap(bytes("BAD\r\n"))));
        HttpParseException second = assertThrows(HttpParseException.class,
                () -> parser.parse(ByteBuffer.wrap(bytes(REQUEST))));
        assertSame(first, second);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /  HTTP/1.1",
        "GET  / HTTP/1.1",
        "GET / HTTP/1.1 extra",
        "GET /",
        "GET",
        " GET / HTTP/1.1",
        "GET / HTTP/1",
        "GET / HTTP/1.10",
        "GET / http/1.1",
        "GET / HTTQ/1.1",
        "G@T / HTTP/1.1",
        "GET /caf\u00e9 HTTP/1.1",
        "GET /a\tb HTTP/1.1",
    })
    void malformedRequestLineIs400(String requestLine) {
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        HttpParseException e = assertThrows(HttpParseException.class,
                () -> parser.parse(ByteBuffer.wrap(bytes(requestLine + "\r\nHost: a\r\n\r\n"))));
        assertEquals(400, e.status(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Host localhost",
        ": value",
        "Ho st: x",
        "Host : x",
        "Host\t: x",
        "H(o)st: x",
        " folded-continuation",
        "\tfolded-continuation",
        "X-Nul: a\u0000b",
        "X-Cr: a\rb",
        "X-Ctl: a\u0001b",
        "X-Del: a\u007fb",
        "X-Esc: \u001b[0m",
    })
    void malformedHeaderLineIs400(String headerLine) {
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        HttpParseException e = assertThrows(HttpParseException.class, () -> parser.parse(
                ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\nHost: a\r\n" + headerLine + "\r\n\r\n"))));
        assertEquals(400, e.status(), e.getMessage());
    }

    @Test
    void obsFoldRightAfterTheRequestLineIs400() {
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        assertEquals(400, assertThrows(HttpParseException.class, () -> parser.parse(
                ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n Host: a\r\n\r\n")))).status());
    }

    @Test
    void bareCrIs400() {
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        assertEquals(400, assertThrows(HttpParseException.class, () -> parser.parse(
                ByteBuffer.wrap(bytes("GET / HTTP/1.1\rHost: a\r\n\r\n")))).status());
    }

    @Test
    void unsupportedMajorVersionIs505() {
        HttpHeadParser parser = HttpHeadParser.forRequest(8192);
        assertEquals(505, assertThrows(HttpParseException.class, () -> parser.parse(
                ByteBuffer.wrap(bytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")))).status());
    }

    @Test
    void parsesAResponseHeadAndLeavesFramesBehind() throws HttpParseException {
        byte[] head = bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
        ByteBuffer in = ByteBuffer.allocate(head.length + FRAME.length).put(head).put(FRAME).flip();
        HttpHeadParser parser = HttpHeadParser.forResponse(8192);
        assertTrue(parser.parse(in));
        HttpResponseHead response = parser.response();
        assertEquals("HTTP/1.1", response.version());
        assertEquals(101, response.status());
        assertEquals("Switching Protocols", response.reason());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.headers().first("sec-websocket-accept"));
        assertEquals(FRAME.length, in.remaining());
    }

    @Test
    void statusLineMayOmitTheReasonPhrase() throws HttpParseException {
        for (String line : List.of("HTTP/1.1 404", "HTTP/1.1 404 ")) {
            HttpHeadParser parser = HttpHeadParser.forResponse(8192);
            assertTrue(parser.parse(ByteBuffer.wrap(bytes(line + "\r\n\r\n"))));
            assertEquals(404, parser.response().status());
            assertEquals("", parser.response().reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 10 OK", "HTTP/1.1 abc OK", "HTTP/1.1", "HTTP/1.1 101X", "HTTP/1.1 1010 X",
        "HTTP/1.1 099 X", "FTP/1.1 200 OK", "HTTP/1.1 200 O\u0000K", ""})
    void malformedStatusLineIs400(String statusLine) {
        HttpHeadParser parser = HttpHeadParser.forResponse(8192);
        assertEquals(400, assertThrows(HttpParseException.class,
                () -> parser.parse(ByteBuffer.wrap(bytes(statusLine + "\r\n\r\n")))).status());
    }

    @Test
    void headsAreOnlyAvailableOnceCompleteAndOfTheRightKind() throws HttpParseException {
        HttpHeadParser request = HttpHeadParser.forRequest(8192);
        assertFalse(request.parse(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n"))));
        assertThrows(IllegalStateException.class, request::request);
        assertTrue(request.parse(ByteBuffer.wrap(bytes("\r\n"))));
        assertEquals("/", request.request().target());
        assertThrows(IllegalStateException.class, request::response);
        assertThrows(IllegalStateException.class, () -> HttpHeadParser.forResponse(100).request());
    }
}
