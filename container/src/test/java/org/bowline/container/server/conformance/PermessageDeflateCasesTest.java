package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;
import static org.bowline.container.server.conformance.WireClient.BINARY;
import static org.bowline.container.server.conformance.WireClient.CONTINUATION;
import static org.bowline.container.server.conformance.WireClient.RSV1;
import static org.bowline.container.server.conformance.WireClient.TEXT;
import static org.bowline.container.server.conformance.WireClient.concat;
import static org.bowline.container.server.conformance.WireClient.frame;
import static org.bowline.container.server.conformance.WireClient.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.stream.Stream;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.PermessageDeflateCases;
import org.bowline.container.conformance.Transport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn families 12 and 13, server role: permessage-deflate (RFC 7692), besides the role-neutral
 * {@link org.bowline.container.conformance.PermessageDeflateCases} (run here on a plain offer). Every well-formed offer must be
 * accepted with a response RFC 7692 allows; compressed messages are echoed, and the server's
 * compressed replies must decode with exactly the context and window that were agreed.
 * Malformed offers are declined: 101 without the extension.
 */
class PermessageDeflateCasesTest extends ConformanceFamily {

    private static final String PMD = "permessage-deflate";
    private static final String SNCT = "server_no_context_takeover";
    private static final String CNCT = "client_no_context_takeover";
    private static final String SMWB = "server_max_window_bits";
    private static final String CMWB = "client_max_window_bits";
    private static final Set<String> KNOWN = Set.of(SNCT, CNCT, SMWB, CMWB);

    // ------------------------------------------------------------ cases

    static List<Named<Scenario>> acceptedOffers() {
        List<String> offers = new ArrayList<>(List.of(
                PMD,
                PMD + "; " + CMWB,
                PMD + "; " + SNCT,
                PMD + "; " + CNCT,
                PMD + "; " + SNCT + "; " + CNCT,
                PMD + "; " + CMWB + "=8",
                PMD + "; " + CMWB + "=15",
                PMD + "; " + CNCT + "; " + CMWB + "=8",
                PMD + "; " + SNCT + "; " + SMWB + "=9; " + CMWB,
                PMD + "; " + SMWB + "=12; " + CNCT + "; " + SNCT + "; " + CMWB + "=10",
                PMD + "; " + SMWB + "=\"10\"",
                "Permessage-Deflate; Server_No_Context_Takeover",
                PMD + ";" + CNCT + " ;   " + SMWB + " = 11"));
        for (int n = 8; n <= 15; n++) {
            offers.add(PMD + "; " + SMWB + "=" + n);
        }
        List<Named<Scenario>> cases = new ArrayList<>(Scenario.numbered("13.1", offers,
                offer -> "offer \"" + offer + "\" is accepted; 20 assorted messages round-trip",
                offer -> c -> roundTrip(c, offer, offer, assortedMessages())));
        // Several offers in one header: the first acceptable one is the one to check against.
        cases.add(named("13.2.1", "offers (client_max_window_bits=8; client_no_context_takeover), (client_no_context_takeover), (plain)",
                c -> roundTrip(c, PMD + "; " + CMWB + "=8; " + CNCT + ", " + PMD + "; " + CNCT + ", " + PMD,
                        PMD + "; " + CMWB + "=8; " + CNCT, assortedMessages())));
        cases.add(named("13.2.2", "a malformed first offer falls back to the next one",
                c -> roundTrip(c, PMD + "; " + SMWB + "=7, " + PMD + "; " + SNCT, PMD + "; " + SNCT, assortedMessages())));
        cases.add(named("13.2.3", "an unknown extension before permessage-deflate is skipped",
                c -> roundTrip(c, "x-unknown-extension; a=1, " + PMD + "; " + SMWB + "=10", PMD + "; " + SMWB + "=10",
                        assortedMessages())));
        cases.add(named("12.1.1", "200 small text messages with context takeover both ways", c -> {
            List<Outgoing> messages = new ArrayList<>();
            Random random = new Random(12);
            for (int i = 0; i < 200; i++) {
                messages.add(Outgoing.compressed(TEXT, prose(random, 16 + random.nextInt(240))));
            }
            roundTrip(c, PMD, PMD, messages);
        }));
        cases.add(named("12.1.2", "200 small binary messages, server_no_context_takeover", c -> {
            List<Outgoing> messages = new ArrayList<>();
            Random random = new Random(13);
            for (int i = 0; i < 200; i++) {
                byte[] data = new byte[16 + random.nextInt(240)];
                random.nextBytes(data);
                Arrays.fill(data, 0, data.length / 2, (byte) i);
                messages.add(Outgoing.compressed(BINARY, data));
            }
            roundTrip(c, PMD + "; " + SNCT, PMD + "; " + SNCT, messages);
        }));
        return cases;
    }

    static List<Named<Scenario>> declinedOffers() {
        List<String> offers = List.of(
                PMD + "; foo=bar",
                PMD + "; x_unknown",
                PMD + "; " + SMWB + "=7",
                PMD + "; " + SMWB + "=16",
                PMD + "; " + CMWB + "=7",
                PMD + "; " + CMWB + "=16",
                PMD + "; " + SMWB,
                PMD + "; " + SMWB + "=abc",
                PMD + "; " + SNCT + "; " + SNCT,
                PMD + "; " + CNCT + "; " + CNCT,
                PMD + "; " + SMWB + "=10; " + SMWB + "=10",
                PMD + "; " + CMWB + "; " + CMWB,
                PMD + "; " + SNCT + "=1",
                PMD + "; " + CNCT + "=true");
        return Scenario.numbered("13.3", offers, offer -> "malformed offer \"" + offer + "\" is declined (101, no extension)",
                offer -> c -> {
                    throw new IllegalStateException("declined offers open their own connection: " + offer);
                });
    }

    /** The server role's own case (was 13.4.5, an ID the role-neutral table now gives another case). */
    static List<Named<Scenario>> protocolErrors() {
        return List.of(
                named("13.4.10", "an empty compressed message sent as the single byte 00 is echoed, compressed or not", c -> {
                    c.send(true, RSV1, TEXT, new byte[] {0});
                    WireClient.Message m = c.readMessage();
                    assertEquals(TEXT, m.opcode());
                    assertArrayEquals(new byte[0], m.compressed() ? new Replies(false).inflate(m.payload()) : m.payload());
                    c.closeNormally();
                }));
    }

    // ------------------------------------------------------------ test methods

    static Stream<Arguments> tableCases() {
        return overTransports(PermessageDeflateCases.cases(), false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tableCases")
    void keepsTheAgreedContextAndTheRules(Transport transport, Case c) throws Exception {
        try (WireClient client = open(transport, PMD); ClientDeflate deflate = new ClientDeflate(client, PMD)) {
            c.run(new WireClientPeer(client, deflate));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedOffers")
    void acceptsWellFormedOffersAndRoundTripsMessages(Scenario scenario) throws Exception {
        scenario.run(null); // each opens its own connection with its own offer
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declinedOffersByHeader")
    void declinesMalformedOffersWithoutFailingTheHandshake(String offer) throws Exception {
        try (WireClient c = WireClient.open(server, offer)) {
            assertNull(c.header("sec-websocket-extensions"), "a declined offer adds no extension to the 101");
            c.sendText("plain");
            c.expectEcho("plain");
            // and the extension really is off: RSV1 is reserved again
            c.send(true, RSV1, TEXT, utf8("x"));
            c.expectFailure(1002);
        }
    }

    static List<Named<String>> declinedOffersByHeader() {
        List<Named<String>> named = new ArrayList<>();
        for (Named<Scenario> s : declinedOffers()) {
            String name = s.getName();
            named.add(Named.of(name, name.substring(name.indexOf('"') + 1, name.lastIndexOf('"'))));
        }
        return named;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolErrors")
    void keepsFramingRulesUnderTheExtension(Scenario scenario) throws Exception {
        try (WireClient c = WireClient.open(server, PMD)) {
            assertNotNull(c.header("sec-websocket-extensions"), "permessage-deflate must be accepted");
            scenario.run(c);
        }
    }

    // ------------------------------------------------------------ the round trip

    /** What the client sends: compressed whole, compressed in 3 frames, or plain (RSV1 clear). */
    record Outgoing(int opcode, byte[] data, int frames, boolean compress) {
        static Outgoing compressed(int opcode, byte[] data) {
            return new Outgoing(opcode, data, 1, true);
        }
    }

    static List<Outgoing> assortedMessages() {
        Random random = new Random(7692);
        byte[] repeated = prose(random, 1000);
        byte[] random128k = new byte[128 * 1024];
        random.nextBytes(random128k);
        byte[] random4k = new byte[4096];
        random.nextBytes(random4k);
        byte[] random64 = new byte[64];
        random.nextBytes(random64);
        byte[] binary65535 = new byte[65535];
        for (int i = 0; i < binary65535.length; i++) {
            binary65535[i] = (byte) (i % 251 ^ i / 1024);
        }
        return List.of(
                Outgoing.compressed(TEXT, new byte[0]),
                Outgoing.compressed(BINARY, new byte[0]),
                Outgoing.compressed(TEXT, utf8("a")),
                Outgoing.compressed(TEXT, prose(random, 16)),
                Outgoing.compressed(BINARY, random64),
                Outgoing.compressed(TEXT, prose(random, 125)),
                Outgoing.compressed(BINARY, new byte[126]),
                Outgoing.compressed(TEXT, repeated),
                Outgoing.compressed(TEXT, repeated), // refers back to the previous message with context takeover
                Outgoing.compressed(BINARY, random4k),
                Outgoing.compressed(TEXT, prose(random, 8192)),
                Outgoing.compressed(TEXT, utf8("κόσμε 😀 ".repeat(1500))),
                Outgoing.compressed(TEXT, utf8("hello".repeat(32768 / 5))),
                Outgoing.compressed(BINARY, binary65535),
                Outgoing.compressed(TEXT, prose(random, 65536)),
                Outgoing.compressed(BINARY, random128k),
                Outgoing.compressed(TEXT, prose(random, 128 * 1024)),
                new Outgoing(TEXT, prose(random, 300), 1, false),
                new Outgoing(TEXT, prose(random, 20_000), 3, true),
                Outgoing.compressed(TEXT, repeated));
    }

    /** Word salad: compressible like real text, different for every seed. */
    static byte[] prose(Random random, int length) {
        String[] words = {"the", "socket", "frame", "window", "deflate", "message", "ping", "close", "server", "echo",
                "κόσμε", "context", "takeover", "bits", "RFC", "7692"};
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(5) == 0 ? ". " : " ");
        }
        byte[] bytes = utf8(sb.toString());
        // cut on a character boundary so text stays valid UTF-8
        int end = Math.min(length, bytes.length);
        while (end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        byte[] cut = Arrays.copyOf(bytes, end);
        return cut.length == length ? cut : Arrays.copyOf(utf8(sb.toString().replace('κ', 'k').replace('ό', 'o')
                .replace('σ', 's').replace('μ', 'm').replace('ε', 'e')), length);
    }

    /**
     * Negotiates {@code offerHeader}, checks the response against {@code acceptedOffer} (the
     * offer RFC 7692 says the server answers), then sends every message and checks each reply.
     */
    private static void roundTrip(WireClient ignored, String offerHeader, String acceptedOffer, List<Outgoing> messages)
            throws Exception {
        try (WireClient c = WireClient.open(server, offerHeader)) {
            c.setTimeout(15_000);
            Map<String, String> offer = parse(acceptedOffer).get(0).params();
            String header = c.header("sec-websocket-extensions");
            assertNotNull(header, "UNIMPLEMENTED: the offer \"" + offerHeader + "\" was declined");
            Map<String, String> response = checkResponse(offer, header);

            boolean clientContext = !response.containsKey(CNCT) && !offer.containsKey(CNCT);
            int clientBits = response.containsKey(CMWB) ? Integer.parseInt(response.get(CMWB)) : 15;
            boolean serverContext = !response.containsKey(SNCT);
            int serverBits = response.containsKey(SMWB) ? Integer.parseInt(response.get(SMWB)) : 15;

            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            if (clientBits < 15) {
                deflater.setStrategy(Deflater.HUFFMAN_ONLY); // no back-references fit any window
            }
            Replies replies = new Replies(serverContext);
            int compressedReplies = 0;
            try {
                for (int i = 0; i < messages.size(); i++) {
                    Outgoing m = messages.get(i);
                    send(c, deflater, m);
                    if (m.compress() && !clientContext) {
                        deflater.reset();
                    }
                    WireClient.Message reply = c.readMessage();
                    String what = "message " + (i + 1) + " (" + m.data().length + " bytes)";
                    assertEquals(m.opcode(), reply.opcode(), what + ": opcode");
                    byte[] echoed = reply.payload();
                    if (reply.compressed()) {
                        compressedReplies++;
                        echoed = replies.inflate(reply.payload());
                        assertTrue(replies.probe.maxDistance() <= 1 << serverBits, what + ": a back-reference of "
                                + replies.probe.maxDistance() + " bytes exceeds server_max_window_bits=" + serverBits);
                    }
                    if (!Arrays.equals(m.data(), echoed)) {
                        fail(what + ": echo differs (" + echoed.length + " bytes back)");
                    }
                }
            } finally {
                deflater.end();
                replies.end();
            }
            assertTrue(compressedReplies > 0, "the server never compressed a reply");
            c.closeNormally();
        }
    }

    private static void send(WireClient c, Deflater deflater, Outgoing m) throws Exception {
        if (!m.compress()) {
            c.send(m.opcode(), m.data());
            return;
        }
        byte[] z = compress(deflater, m.data());
        if (m.frames() == 1) {
            c.send(true, RSV1, m.opcode(), z);
            return;
        }
        int third = z.length / 3;
        c.sendRaw(concat(frame(false, RSV1, m.opcode(), Arrays.copyOfRange(z, 0, third)),
                frame(false, 0, CONTINUATION, Arrays.copyOfRange(z, third, 2 * third)),
                frame(true, 0, CONTINUATION, Arrays.copyOfRange(z, 2 * third, z.length))));
    }

    /** RFC 7692 7.2.1: compress with a sync flush, then drop the 00 00 ff ff it ends with. */
    static byte[] compress(Deflater deflater, byte[] data) {
        if (data.length == 0) {
            return new byte[] {0}; // RFC 7692 7.2.3.6: an empty stored block; the JDK emits nothing for no input
        }
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        byte[] buf = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length || !deflater.needsInput());
        byte[] all = out.toByteArray();
        assertArrayEquals(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF}, Arrays.copyOfRange(all, all.length - 4, all.length));
        return Arrays.copyOf(all, all.length - 4);
    }

    /** Decodes the server's compressed messages with the JDK and, independently, with the probe. */
    static final class Replies {
        private final boolean contextTakeover;
        private Inflater inflater = new Inflater(true);
        final DeflateProbe probe = new DeflateProbe();

        Replies(boolean contextTakeover) {
            this.contextTakeover = contextTakeover;
        }

        byte[] inflate(byte[] payload) throws DataFormatException {
            if (!contextTakeover) {
                // server_no_context_takeover: every message must decode with a FRESH inflater
                inflater.end();
                inflater = new Inflater(true);
                probe.reset();
            }
            byte[] withTail = Arrays.copyOf(payload, payload.length + 4);
            withTail[payload.length + 2] = (byte) 0xFF;
            withTail[payload.length + 3] = (byte) 0xFF;
            inflater.setInput(withTail);
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4 + 16);
            byte[] buf = new byte[16384];
            while (true) {
                int n = inflater.inflate(buf);
                out.write(buf, 0, n);
                if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                    break;
                }
                assertFalse(inflater.needsDictionary(), "raw DEFLATE never asks for a dictionary");
            }
            assertEquals(0, inflater.getRemaining(), "the reply has bytes after its DEFLATE data");
            byte[] jdk = out.toByteArray();
            byte[] own;
            try {
                own = probe.inflateMessage(payload);
            } catch (IllegalStateException e) {
                throw new AssertionError("reply is not valid DEFLATE for the agreed context: " + e.getMessage(), e);
            }
            assertArrayEquals(jdk, own, "the two decoders disagree");
            return jdk;
        }

        void end() {
            inflater.end();
        }
    }

    // ------------------------------------------------------------ RFC 7692 response rules

    record Extension(String name, Map<String, String> params) {
    }

    /** Parses an extension header; a repeated parameter is reported, not merged. */
    static List<Extension> parse(String header) {
        List<Extension> list = new ArrayList<>();
        for (String item : header.split(",")) {
            String[] parts = item.split(";");
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : p.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                assertNull(params.put(name, value), "parameter " + name + " appears twice in \"" + item.trim() + "\"");
            }
            list.add(new Extension(parts[0].trim().toLowerCase(Locale.ROOT), params));
        }
        return list;
    }

    /** Checks the 101's extension header against the offer it answers (RFC 7692 5, 7.1). */
    static Map<String, String> checkResponse(Map<String, String> offer, String header) {
        List<Extension> extensions = parse(header);
        assertEquals(1, extensions.size(), "exactly one extension in the response: " + header);
        Extension e = extensions.get(0);
        assertEquals(PMD, e.name(), "response extension");
        Map<String, String> r = e.params();
        for (Map.Entry<String, String> p : r.entrySet()) {
            assertTrue(KNOWN.contains(p.getKey()), "unknown parameter in the response: " + p.getKey());
            if (p.getKey().endsWith("context_takeover")) {
                assertEquals("", p.getValue(), p.getKey() + " takes no value");
            }
        }
        if (offer.containsKey(SNCT)) {
            assertTrue(r.containsKey(SNCT), "RFC 7692 7.1.1.1: an accepted server_no_context_takeover is echoed");
        }
        if (offer.containsKey(SMWB)) {
            assertTrue(r.containsKey(SMWB), "RFC 7692 7.1.2.1: an accepted server_max_window_bits is echoed");
            int asked = Integer.parseInt(offer.get(SMWB));
            int got = Integer.parseInt(r.get(SMWB));
            assertTrue(got >= 8 && got <= asked, "server_max_window_bits=" + got + " must be 8.." + asked);
        } else if (r.containsKey(SMWB)) {
            int got = Integer.parseInt(r.get(SMWB));
            assertTrue(got >= 8 && got <= 15, "server_max_window_bits=" + got + " must be 8..15");
        }
        if (r.containsKey(CMWB)) {
            assertTrue(offer.containsKey(CMWB), "RFC 7692 7.1.2.2: client_max_window_bits only when offered");
            int got = Integer.parseInt(r.get(CMWB));
            int limit = offer.get(CMWB).isEmpty() ? 15 : Integer.parseInt(offer.get(CMWB));
            assertTrue(got >= 8 && got <= limit, "client_max_window_bits=" + got + " must be 8.." + limit);
        }
        return r;
    }
}
