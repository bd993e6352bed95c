package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bowline.container.frame.Mutator;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the HTTP upgrade request parser: mutated requests in random chunks either parse into a request
 * or fail with an HTTP status of 400-505 (what the server answers); nothing else may escape, and the
 * parser never takes more than its head limit.
 */
class HttpHeadParserFuzzTest {

    private static final int MAX_HEAD = 2048;

    private static final List<byte[]> CORPUS = List.of(
            ("GET /echo?room=1 HTTP/1.1\r\nHost: example.com:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: https://example.com\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                    + "Sec-WebSocket-Protocol: chat, superchat\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
            ("GET / HTTP/1.1\r\nHost: h\r\nCookie: a=b; c=d\r\nX-Long: " + "x".repeat(300) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1),
            "GET /a%20b HTTP/1.1\nHost: h\n\n".getBytes(StandardCharsets.ISO_8859_1));

    @Test
    void mutatedRequestsParseOrFailWithAnHttpStatus() {
        long seed = Mutator.firstSeed(0x2616_F022L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Mutator.seconds());
        int cases = 0;
        int refused = 0;
        for (; System.nanoTime() < deadline; seed++, cases++) {
            Random random = new Random(seed);
            byte[] input = Mutator.mutate(CORPUS.get(random.nextInt(CORPUS.size())), random);
            HttpHeadParser parser = HttpHeadParser.forRequest(MAX_HEAD);
            try {
                int taken = 0;
                for (int at = 0; at < input.length; ) {
                    int n = Mutator.nextChunk(random, input.length - at);
                    ByteBuffer chunk = ByteBuffer.wrap(input, at, n);
                    boolean done = parser.parse(chunk);
                    taken += chunk.position() - at;
                    if (taken > MAX_HEAD) {
                        fail(report(seed, input, "took " + taken + " bytes with a " + MAX_HEAD + "-byte limit"));
                    }
                    if (done) {
                        assertTrue(parser.request() != null, "done without a request");
                        break;
                    }
                    at += n;
                }
            } catch (HttpParseException e) {
                refused++;
                if (e.status() < 400 || e.status() > 505) {
                    fail(report(seed, input, "status " + e.status() + ": " + e.getMessage()));
                }
            } catch (RuntimeException e) {
                fail(report(seed, input, e.toString()), e);
            }
        }
        System.out.println("HttpHeadParserFuzzTest: " + cases + " cases, " + refused + " refused with 4xx/5xx");
        assertTrue(cases > 0);
    }

    private static String report(long seed, byte[] input, String what) {
        return "case seed " + seed + " (-Dbowline.fuzz.seed=" + seed + "): " + what + "; input "
                + HexFormat.of().formatHex(input, 0, Math.min(input.length, 256));
    }
}
