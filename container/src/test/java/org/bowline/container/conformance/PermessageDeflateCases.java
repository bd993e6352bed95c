package org.bowline.container.conformance;

import static org.bowline.container.conformance.Case.named;
import static org.bowline.container.conformance.Peer.BINARY;
import static org.bowline.container.conformance.Peer.CLOSE;
import static org.bowline.container.conformance.Peer.CONTINUATION;
import static org.bowline.container.conformance.Peer.PING;
import static org.bowline.container.conformance.Peer.RSV1;
import static org.bowline.container.conformance.Peer.RSV2;
import static org.bowline.container.conformance.Peer.TEXT;
import static org.bowline.container.conformance.Peer.closePayload;
import static org.bowline.container.conformance.Peer.concat;
import static org.bowline.container.conformance.Peer.utf8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Named;

/**
 * Autobahn families 12 and 13, both roles, on a connection where plain permessage-deflate (RFC 7692)
 * was agreed, both sides keeping their context: the peer sends compressed messages in the ways RFC
 * 7692 7.2 allows and Bowline's echoes must come back compressed and decode with exactly the agreed
 * context and window; compressed data that breaks the rules fails the connection (1002 for misplaced
 * RSV bits, 1007 for bad data or text). Negotiation itself differs by role (the server answers offers,
 * the client makes one and takes a grant), so those cases stay with each role's runner.
 */
public final class PermessageDeflateCases {

    private static final int MIB = 1024 * 1024;

    private PermessageDeflateCases() {
    }

    public static List<Named<Case>> cases() {
        List<Named<Case>> cases = new ArrayList<>();
        cases.add(named("12.1", "300 small text messages with context takeover", p -> {
            Random random = new Random(12);
            List<byte[]> messages = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                messages.add(prose(random, 16 + random.nextInt(240)));
            }
            for (byte[] m : messages) {
                p.send(true, RSV1, TEXT, p.compress(m));
                p.expectCompressedEcho(TEXT, m);
            }
            p.closeNormally();
        }));
        cases.add(named("12.2", "compressed messages in 256-byte frames", p -> fragmented(p, 256)));
        cases.add(named("12.3", "compressed messages in 1-byte frames", p -> fragmented(p, 1)));
        cases.add(named("12.4", "uncompressed messages (RSV1 clear) between compressed ones", p -> {
            List<byte[]> messages = assortedMessages(20);
            for (int i = 0; i < messages.size(); i++) {
                byte[] m = messages.get(i);
                int opcode = i % 2 == 0 ? TEXT : BINARY;
                if (i % 3 == 0) {
                    p.send(opcode, m);
                } else {
                    p.send(true, RSV1, opcode, p.compress(m));
                }
                p.expectCompressedEcho(opcode, m);
            }
            p.closeNormally();
        }));
        cases.add(named("12.5", "an empty first frame carrying RSV1, the compressed data in continuations", p -> {
            for (byte[] m : assortedMessages(10)) {
                byte[] z = p.compress(m);
                p.sendRaw(concat(p.frame(false, RSV1, TEXT, new byte[0]), p.frame(false, 0, CONTINUATION, z),
                        p.frame(true, 0, CONTINUATION, new byte[0])));
                p.expectCompressedEcho(TEXT, m);
            }
            p.closeNormally();
        }));
        cases.add(named("12.7", "an empty message as the single byte 00 (RFC 7692 7.2.3.6)", p -> {
            p.send(true, RSV1, TEXT, new byte[] {0});
            p.expectCompressedEcho(TEXT, new byte[0]);
            p.send(true, RSV1, BINARY, p.compress(new byte[0]));
            p.expectCompressedEcho(BINARY, new byte[0]);
            p.closeNormally();
        }));
        cases.add(named("12.8", "2 MiB of text compressed into one frame", p -> {
            p.setTimeout(60_000);
            byte[] m = prose(new Random(8), 2 * MIB);
            p.send(true, RSV1, TEXT, p.compress(m));
            p.expectCompressedEcho(TEXT, m);
            p.closeNormally();
        }));
        cases.add(named("12.9", "the same 8 KiB message 20 times: later copies are back-references into earlier messages", p -> {
            byte[] m = prose(new Random(9), 8 * 1024);
            for (int i = 0; i < 20; i++) {
                byte[] z = p.compress(m);
                if (i > 0) {
                    assertTrue(z.length < 200, "the peer's context makes a repeat small: " + z.length);
                }
                p.send(true, RSV1, TEXT, z);
                p.expectCompressedEcho(TEXT, m);
            }
            p.closeNormally();
        }));
        cases.add(named("12.10", "a ping between the fragments of a compressed message", p -> {
            byte[] m = prose(new Random(10), 3000);
            byte[] z = p.compress(m);
            int half = z.length / 2;
            p.sendRaw(concat(p.frame(false, RSV1, TEXT, Arrays.copyOfRange(z, 0, half)), p.frame(true, 0, PING, utf8("mid")),
                    p.frame(true, 0, CONTINUATION, Arrays.copyOfRange(z, half, z.length))));
            p.expectPong(utf8("mid"));
            p.expectCompressedEcho(TEXT, m);
            p.closeNormally();
        }));
        cases.add(named("13.4.1", "RSV1 on a ping fails with 1002", p -> {
            p.send(true, RSV1, PING, utf8("ping"));
            p.expectFailure(1002);
        }));
        cases.add(named("13.4.2", "RSV1 on a continuation frame fails with 1002", p -> {
            byte[] z = p.compress(utf8("Hello, compressed world!"));
            p.sendRaw(concat(p.frame(false, RSV1, TEXT, Arrays.copyOfRange(z, 0, 3)),
                    p.frame(true, RSV1, CONTINUATION, Arrays.copyOfRange(z, 3, z.length))));
            p.expectFailure(1002);
        }));
        cases.add(named("13.4.3", "RSV2 stays reserved under permessage-deflate: 1002", p -> {
            p.send(true, RSV2, TEXT, utf8("x"));
            p.expectFailure(1002);
        }));
        cases.add(named("13.4.4", "compressed text that inflates to invalid UTF-8 fails with 1007", p -> {
            p.send(true, RSV1, TEXT, p.compress(concat(utf8("κόσμε"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
            p.expectFailure(1007);
        }));
        cases.add(named("13.4.5", "invalid UTF-8 inflated from a non-final fragment fails with 1007 before the message ends", p -> {
            byte[] z = p.compress(concat(utf8("κόσμε"), new byte[] {(byte) 0xC0, (byte) 0x80}, utf8("and more text after it")));
            p.send(false, RSV1, TEXT, z); // the final (empty) continuation never comes
            p.expectFailure(1007);
        }));
        cases.add(named("13.4.6", "data that is not DEFLATE fails with 1007", p -> {
            p.send(true, RSV1, BINARY, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x12, 0x34});
            p.expectFailure(1007);
        }));
        cases.add(named("13.4.8", "an echo of an earlier compressed message comes before the failure of a later bad one", p -> {
            byte[] good = utf8("fine message");
            p.sendRaw(concat(p.frame(true, RSV1, TEXT, p.compress(good)), p.frame(true, RSV1 | RSV2, TEXT, new byte[] {0})));
            p.expectCompressedEcho(TEXT, good);
            p.expectFailure(1002);
        }));
        cases.add(named("13.4.9", "RSV1 on a close fails with 1002", p -> {
            p.send(true, RSV1, CLOSE, closePayload(1000, new byte[0]));
            p.expectFailure(1002);
        }));
        return cases;
    }

    private static void fragmented(Peer p, int frameSize) throws Exception {
        for (byte[] m : assortedMessages(frameSize == 1 ? 6 : 20)) {
            byte[] z = p.compress(m);
            int frames = Math.max(1, (z.length + frameSize - 1) / frameSize);
            byte[][] parts = new byte[frames][];
            for (int i = 0; i < frames; i++) {
                parts[i] = p.frame(i == frames - 1, i == 0 ? RSV1 : 0, i == 0 ? TEXT : CONTINUATION,
                        Arrays.copyOfRange(z, Math.min(z.length, i * frameSize), Math.min(z.length, (i + 1) * frameSize)));
            }
            p.sendRaw(concat(parts));
            p.expectCompressedEcho(TEXT, m);
        }
        p.closeNormally();
    }

    /** Text, binary, repeats (so context takeover matters), empty and 64 KiB+ messages; all valid text. */
    public static List<byte[]> assortedMessages(int count) {
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
    public static byte[] prose(Random random, int length) {
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
}
