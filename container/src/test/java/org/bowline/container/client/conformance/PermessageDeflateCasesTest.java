package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.BINARY;
import static org.bowline.container.client.conformance.WireServer.CONTINUATION;
import static org.bowline.container.client.conformance.WireServer.PING;
import static org.bowline.container.client.conformance.WireServer.RSV1;
import static org.bowline.container.client.conformance.WireServer.RSV2;
import static org.bowline.container.client.conformance.WireServer.TEXT;
import static org.bowline.container.client.conformance.WireServer.concat;
import static org.bowline.container.client.conformance.WireServer.frame;
import static org.bowline.container.client.conformance.WireServer.utf8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn families 12 and 13, client role: permessage-deflate (RFC 7692). The client offers it
 * with client_max_window_bits; the server accepts with the parameters of each case and compresses
 * what it sends (with and without context takeover, whole or fragmented, ending messages in the
 * ways RFC 7692 7.2 allows), and the client's compressed echoes must decode with exactly the
 * context and window the server granted it. Compressed data that breaks the rules fails the
 * connection: 1002 for misplaced RSV bits, 1007 for bad data or text, 1009 for a decompression bomb.
 */
class PermessageDeflateCasesTest extends ClientConformanceFamily {

    private static final String CNCT = "client_no_context_takeover";
    private static final String SNCT = "server_no_context_takeover";
    private static final String CMWB = "client_max_window_bits";
    private static final String SMWB = "server_max_window_bits";

    /** One case: the extension parameters the server's 101 grants, and what it does then. */
    record DeflateCase(String parameters, Scenario scenario, jakarta.websocket.ClientEndpointConfig config) {
    }

    static Named<DeflateCase> deflateCase(String id, String parameters, String title, Scenario scenario) {
        return Named.of("case " + id + ": [" + (parameters.isEmpty() ? "permessage-deflate" : parameters) + "] " + title,
                new DeflateCase(parameters, scenario, deflateConfig()));
    }

    static List<Named<DeflateCase>> cases() {
        List<Named<DeflateCase>> cases = new ArrayList<>();
        // 13.x: what the server grants the client (Autobahn's accept1..accept6), and more
        List<String> grants = List.of("", CNCT, CMWB + "=8", CMWB + "=15", CNCT + "; " + CMWB + "=8", CNCT + "; " + CMWB + "=15",
                CMWB + "=9", CMWB + "=\"12\"", SNCT, SMWB + "=8", SNCT + "; " + SMWB + "=12",
                SNCT + "; " + CNCT + "; " + SMWB + "=10; " + CMWB + "=9");
        for (int i = 0; i < grants.size(); i++) {
            cases.add(deflateCase("13." + (i + 1), grants.get(i), "40 assorted compressed messages echoed compressed, as agreed",
                    s -> roundTrip(s, assortedMessages(40))));
        }
        // the application asks for server_no_context_takeover: the offer carries it, the server grants it
        cases.add(Named.of("case 13.20: [server_no_context_takeover] requested by the application, offered and granted",
                new DeflateCase(SNCT, s -> {
                    assertTrue(s.header("sec-websocket-extensions").contains(SNCT),
                            "the offer must carry the requested " + SNCT + ": " + s.header("sec-websocket-extensions"));
                    roundTrip(s, assortedMessages(16));
                }, jakarta.websocket.ClientEndpointConfig.Builder.create().extensions(List.<jakarta.websocket.Extension>of(
                        new org.bowline.container.extension.NegotiatedExtension("permessage-deflate",
                                List.of(new org.bowline.container.extension.NegotiatedExtension.Param(SNCT, ""))))).build())));
        // 12.x: the ways a server may send compressed messages
        cases.add(deflateCase("12.1", "", "300 small text messages with context takeover", s -> {
            Random random = new Random(12);
            List<byte[]> messages = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                messages.add(prose(random, 16 + random.nextInt(240)));
            }
            for (byte[] m : messages) {
                s.send(true, RSV1, TEXT, s.deflate().compress(m));
                expectCompressedEcho(s, TEXT, m);
            }
            s.closeNormally();
        }));
        cases.add(deflateCase("12.2", "", "compressed messages in 256-byte frames", s -> fragmented(s, 256)));
        cases.add(deflateCase("12.3", "", "compressed messages in 1-byte frames", s -> fragmented(s, 1)));
        cases.add(deflateCase("12.4", "", "uncompressed messages (RSV1 clear) between compressed ones", s -> {
            List<byte[]> messages = assortedMessages(20);
            for (int i = 0; i < messages.size(); i++) {
                byte[] m = messages.get(i);
                int opcode = i % 2 == 0 ? TEXT : BINARY;
                if (i % 3 == 0) {
                    s.send(opcode, m);
                } else {
                    s.send(true, RSV1, opcode, s.deflate().compress(m));
                }
                expectCompressedEcho(s, opcode, m);
            }
            s.closeNormally();
        }));
        cases.add(deflateCase("12.5", "", "an empty first frame carrying RSV1, the compressed data in continuations", s -> {
            for (byte[] m : assortedMessages(10)) {
                byte[] z = s.deflate().compress(m);
                s.sendRaw(concat(frame(false, RSV1, TEXT, new byte[0]), frame(false, 0, CONTINUATION, z),
                        frame(true, 0, CONTINUATION, new byte[0])));
                expectCompressedEcho(s, TEXT, m);
            }
            s.closeNormally();
        }));
        cases.add(deflateCase("12.6", SNCT, "each message a complete DEFLATE stream ending in a BFINAL block (RFC 7692 7.2.3.3)", s -> {
            for (byte[] m : assortedMessages(10)) {
                s.send(true, RSV1, BINARY, ServerDeflate.compressFinal(m));
                expectCompressedEcho(s, BINARY, m);
            }
            s.closeNormally();
        }));
        cases.add(deflateCase("12.7", "", "an empty message as the single byte 00 (RFC 7692 7.2.3.6)", s -> {
            s.send(true, RSV1, TEXT, new byte[] {0});
            expectCompressedEcho(s, TEXT, new byte[0]);
            s.send(true, RSV1, BINARY, s.deflate().compress(new byte[0]));
            expectCompressedEcho(s, BINARY, new byte[0]);
            s.closeNormally();
        }));
        cases.add(deflateCase("12.8", "", "2 MiB of text compressed into one frame", s -> {
            s.setTimeout(60_000);
            byte[] m = prose(new Random(8), 2 * MIB);
            s.send(true, RSV1, TEXT, s.deflate().compress(m));
            expectCompressedEcho(s, TEXT, m);
            s.closeNormally();
        }));
        cases.add(deflateCase("12.9", "", "the same 8 KiB message 20 times: later copies are back-references into earlier messages", s -> {
            byte[] m = prose(new Random(9), 8 * 1024);
            for (int i = 0; i < 20; i++) {
                byte[] z = s.deflate().compress(m);
                if (i > 0) {
                    assertTrue(z.length < 200, "the server's context makes a repeat small: " + z.length);
                }
                s.send(true, RSV1, TEXT, z);
                expectCompressedEcho(s, TEXT, m);
            }
            s.closeNormally();
        }));
        cases.add(deflateCase("12.10", "", "a ping between the fragments of a compressed message", s -> {
            byte[] m = prose(new Random(10), 3000);
            byte[] z = s.deflate().compress(m);
            int half = z.length / 2;
            s.sendRaw(concat(frame(false, RSV1, TEXT, Arrays.copyOfRange(z, 0, half)), frame(true, 0, PING, utf8("mid")),
                    frame(true, 0, CONTINUATION, Arrays.copyOfRange(z, half, z.length))));
            s.expectPong(utf8("mid"));
            expectCompressedEcho(s, TEXT, m);
            s.closeNormally();
        }));
        cases.add(deflateCase("12.11", "", "pings between 60 compressed messages sent in one burst: pongs and echoes each in order", s -> {
            s.setTimeout(60_000);
            List<byte[]> messages = assortedMessages(60);
            byte[][] frames = new byte[2 * messages.size()][];
            for (int i = 0; i < messages.size(); i++) {
                frames[2 * i] = frame(true, RSV1, TEXT, s.deflate().compress(messages.get(i)));
                frames[2 * i + 1] = frame(true, 0, PING, utf8("ping-" + i));
            }
            Thread writer = new Thread(() -> {
                try {
                    s.sendRaw(concat(frames));
                } catch (java.io.IOException e) {
                    // the reader reports what went missing
                }
            }, "fuzzing-server-writer");
            writer.start();
            int echoes = 0;
            int pongs = 0;
            try {
                while (echoes < messages.size() || pongs < messages.size()) {
                    WireServer.Message m = s.readMessageOrPong();
                    if (m.opcode() == WireServer.PONG) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(utf8("ping-" + pongs), m.payload(), "pongs in ping order");
                        pongs++;
                    } else {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(messages.get(echoes), m.payload(), "echo " + echoes);
                        assertTrue(m.compressed(), "the client's echo is not compressed though permessage-deflate was agreed");
                        echoes++;
                    }
                }
            } finally {
                writer.join(60_000);
            }
            s.closeNormally();
        }));
        // 13.4: compressed data that breaks the rules
        cases.add(deflateCase("13.4.1", "", "RSV1 on a ping fails with 1002", s -> {
            s.send(true, RSV1, PING, utf8("ping"));
            s.expectFailure(1002);
        }));
        cases.add(deflateCase("13.4.9", "", "RSV1 on a close fails with 1002", s -> {
            s.send(true, RSV1, WireServer.CLOSE, WireServer.closePayload(1000, new byte[0]));
            s.expectFailure(1002);
        }));
        cases.add(deflateCase("13.4.2", "", "RSV1 on a continuation frame fails with 1002", s -> {
            byte[] z = s.deflate().compress(utf8("Hello, compressed world!"));
            s.sendRaw(concat(frame(false, RSV1, TEXT, Arrays.copyOfRange(z, 0, 3)), frame(true, RSV1, CONTINUATION, Arrays.copyOfRange(z, 3, z.length))));
            s.expectFailure(1002);
        }));
        cases.add(deflateCase("13.4.3", "", "RSV2 stays reserved under permessage-deflate: 1002", s -> {
            s.send(true, RSV2, TEXT, utf8("x"));
            s.expectFailure(1002);
        }));
        cases.add(deflateCase("13.4.4", "", "compressed text that inflates to invalid UTF-8 fails with 1007", s -> {
            s.send(true, RSV1, TEXT, s.deflate().compress(concat(utf8("κόσμε"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
            s.expectFailure(1007);
        }));
        cases.add(deflateCase("13.4.5", "", "invalid UTF-8 inflated from a non-final fragment fails with 1007 before the message ends", s -> {
            byte[] z = s.deflate().compress(concat(utf8("κόσμε"), new byte[] {(byte) 0xC0, (byte) 0x80}, utf8("and more text after it")));
            s.send(false, RSV1, TEXT, z); // the final (empty) continuation never comes
            s.expectFailure(1007);
        }));
        cases.add(deflateCase("13.4.6", "", "data that is not DEFLATE fails with 1007", s -> {
            s.send(true, RSV1, BINARY, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x12, 0x34});
            s.expectFailure(1007);
        }));
        cases.add(deflateCase("13.4.7", "", "a frame of a few KiB that inflates beyond the client's limit fails with 1009", s -> {
            byte[] z = s.deflate().compress(new byte[CLIENT_MAX_MESSAGE + MIB]);
            assertTrue(z.length < 64 * 1024, "a bomb is small: " + z.length);
            s.send(true, RSV1, BINARY, z);
            s.expectFailure(1009);
        }));
        cases.add(deflateCase("13.4.8", "", "an echo of an earlier compressed message comes before the failure of a later bad one", s -> {
            byte[] good = utf8("fine message");
            s.sendRaw(concat(frame(true, RSV1, TEXT, s.deflate().compress(good)),
                    frame(true, RSV1 | RSV2, TEXT, new byte[] {0})));
            expectCompressedEcho(s, TEXT, good);
            s.expectFailure(1002);
        }));
        return cases;
    }

    /** The server declines (101 without the extension): nothing may then be compressed, either way. */
    static List<Named<Scenario>> declined() {
        return List.of(
                named("13.5.1", "declined: the client sends uncompressed echoes", s -> {
                    for (byte[] m : assortedMessages(10)) {
                        s.send(BINARY, m);
                        WireServer.Message echo = s.expectEcho(BINARY, m);
                        assertFalse(echo.compressed(), "RSV1 set though permessage-deflate was declined");
                    }
                    s.closeNormally();
                }),
                named("13.5.2", "declined: a compressed message from the server fails with 1002", s -> {
                    s.send(true, RSV1, TEXT, new byte[] {0});
                    s.expectFailure(1002);
                }));
    }

    private static void roundTrip(WireServer s, List<byte[]> messages) throws Exception {
        s.setTimeout(60_000);
        for (int i = 0; i < messages.size(); i++) {
            int opcode = i % 3 == 2 ? BINARY : TEXT;
            s.send(true, RSV1, opcode, s.deflate().compress(messages.get(i)));
            expectCompressedEcho(s, opcode, messages.get(i));
        }
        s.closeNormally();
    }

    private static void fragmented(WireServer s, int frameSize) throws Exception {
        for (byte[] m : assortedMessages(frameSize == 1 ? 6 : 20)) {
            byte[] z = s.deflate().compress(m);
            int frames = Math.max(1, (z.length + frameSize - 1) / frameSize);
            byte[][] parts = new byte[frames][];
            for (int i = 0; i < frames; i++) {
                parts[i] = frame(i == frames - 1, i == 0 ? RSV1 : 0, i == 0 ? TEXT : CONTINUATION,
                        Arrays.copyOfRange(z, Math.min(z.length, i * frameSize), Math.min(z.length, (i + 1) * frameSize)));
            }
            s.sendRaw(concat(parts));
            expectCompressedEcho(s, TEXT, m);
        }
        s.closeNormally();
    }

    /**
     * The echo must be right, and compressed: a client that agreed to permessage-deflate and then
     * never compressed would pass the context and window checks without being tested by them.
     */
    private static void expectCompressedEcho(WireServer s, int opcode, byte[] message) throws Exception {
        WireServer.Message echo = s.expectEcho(opcode, message);
        assertTrue(echo.compressed(), "the client's echo is not compressed though permessage-deflate was agreed");
    }

    /** Text, binary, repeats (so context takeover matters), empty and 64 KiB+ messages. */
    static List<byte[]> assortedMessages(int count) {
        Random random = new Random(count);
        List<byte[]> messages = new ArrayList<>();
        byte[] repeated = prose(random, 2000);
        for (int i = 0; i < count; i++) {
            switch (i % 8) {
                case 0 -> messages.add(repeated);
                case 1 -> messages.add(prose(random, 1 + random.nextInt(300)));
                case 2 -> messages.add(new byte[0]);
                case 3 -> messages.add(prose(random, 70_000));
                case 4 -> messages.add(repeated);
                case 5 -> {
                    byte[] noise = new byte[5000];
                    random.nextBytes(noise);
                    for (int j = 0; j < noise.length; j++) {
                        noise[j] = (byte) ('a' + (noise[j] & 0x0F)); // ASCII, so it is valid text too
                    }
                    messages.add(noise);
                }
                case 6 -> messages.add(utf8("κόσμε 😀 ".repeat(1 + random.nextInt(400))));
                default -> messages.add(prose(random, 20_000));
            }
        }
        return messages;
    }

    /** Words from a small vocabulary: compressible, with repeats at every distance. */
    static byte[] prose(Random random, int length) {
        String[] words = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "permessage", "deflate",
                "window", "context", "takeover", "frame", "message", "bowline", "κόσμε"};
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(10) == 0 ? ". " : " ");
        }
        byte[] bytes = utf8(sb.toString());
        // cut at a character boundary
        int end = Math.min(bytes.length, length);
        while (end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compressesAndDecompressesAsAgreed(DeflateCase c) throws Exception {
        runCase(Answer.deflate(c.parameters()), c.config(), c.scenario());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declined")
    void compressesNothingWhenTheServerDeclines(Scenario scenario) throws Exception {
        runCase(Answer.plain(), deflateConfig(), scenario);
    }
}
