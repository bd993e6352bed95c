package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.BINARY;
import static org.bowline.container.client.conformance.WireServer.PING;
import static org.bowline.container.client.conformance.WireServer.RSV1;
import static org.bowline.container.client.conformance.WireServer.TEXT;
import static org.bowline.container.client.conformance.WireServer.concat;
import static org.bowline.container.client.conformance.WireServer.serverFrame;
import static org.bowline.container.client.conformance.WireServer.utf8;
import static org.bowline.container.conformance.PermessageDeflateCases.assortedMessages;
import static org.bowline.container.conformance.PermessageDeflateCases.prose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.PermessageDeflateCases;
import org.bowline.container.conformance.Transport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn families 12 and 13, client role: permessage-deflate (RFC 7692), besides the role-neutral
 * {@link org.bowline.container.conformance.PermessageDeflateCases} (run here on a plain grant). The client offers it
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
        cases.add(deflateCase("12.6", SNCT, "each message a complete DEFLATE stream ending in a BFINAL block (RFC 7692 7.2.3.3)", s -> {
            for (byte[] m : assortedMessages(10)) {
                s.send(true, RSV1, BINARY, ServerDeflate.compressFinal(m));
                expectCompressedEcho(s, BINARY, m);
            }
            s.closeNormally();
        }));
        cases.add(deflateCase("12.11", "", "pings between 60 compressed messages sent in one burst: pongs and echoes each in order", s -> {
            s.setTimeout(60_000);
            List<byte[]> messages = assortedMessages(60);
            byte[][] frames = new byte[2 * messages.size()][];
            for (int i = 0; i < messages.size(); i++) {
                frames[2 * i] = serverFrame(true, RSV1, TEXT, s.deflate().compress(messages.get(i)));
                frames[2 * i + 1] = serverFrame(true, 0, PING, utf8("ping-" + i));
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
        cases.add(deflateCase("13.4.7", "", "a frame of a few KiB that inflates beyond the client's limit fails with 1009", s -> {
            byte[] z = s.deflate().compress(new byte[CLIENT_MAX_MESSAGE + MIB]);
            assertTrue(z.length < 64 * 1024, "a bomb is small: " + z.length);
            s.send(true, RSV1, BINARY, z);
            s.expectFailure(1009);
        }));
        return cases;
    }

    /** The server declines (101 without the extension): nothing may then be compressed, either way. */
    static List<Named<Scenario>> declined() {
        return List.of(
                named("13.5.1", "declined: the client sends uncompressed echoes", s -> {
                    for (byte[] m : assortedMessages(10)) {
                        s.send(BINARY, m);
                        WireServer.Message echo = s.readEcho(BINARY, m);
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

    /**
     * The echo must be right, and compressed: a client that agreed to permessage-deflate and then
     * never compressed would pass the context and window checks without being tested by them.
     */
    private static void expectCompressedEcho(WireServer s, int opcode, byte[] message) throws Exception {
        WireServer.Message echo = s.readEcho(opcode, message);
        assertTrue(echo.compressed(), "the client's echo is not compressed though permessage-deflate was agreed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compressesAndDecompressesAsAgreed(DeflateCase c) throws Exception {
        runCase(Answer.deflate(c.parameters()), c.config(), c.scenario());
    }

    static Stream<Arguments> tableCases() {
        return overTransports(PermessageDeflateCases.cases(), false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tableCases")
    void keepsTheAgreedContextAndTheRules(Transport transport, Case c) throws Exception {
        runCase(transport, Answer.deflate(""), deflateConfig(), c::run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declined")
    void compressesNothingWhenTheServerDeclines(Scenario scenario) throws Exception {
        runCase(Answer.plain(), deflateConfig(), scenario);
    }
}
