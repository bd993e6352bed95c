package org.bowline.container.conformance;

import static org.bowline.container.conformance.Case.named;
import static org.bowline.container.conformance.Peer.BINARY;
import static org.bowline.container.conformance.Peer.CONTINUATION;
import static org.bowline.container.conformance.Peer.PING;
import static org.bowline.container.conformance.Peer.TEXT;
import static org.bowline.container.conformance.Peer.concat;
import static org.bowline.container.conformance.Peer.utf8;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Named;

/**
 * Autobahn family 6, both roles: text must be valid UTF-8 (RFC 6455 8.1, RFC 3629). Valid text is
 * echoed byte for byte; an invalid sequence fails the connection with 1007 as soon as its first bad
 * byte arrives: the fast-fail cases send the bad bytes in a NON-final fragment and then send nothing
 * more, so an implementation that waits for the end of the message hangs and fails the case.
 */
public final class Utf8Cases {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final byte[] KOSME = utf8("κόσμε");

    /** Sequences that are wrong at a byte already on the wire: a validator knows there and then. */
    private static final List<String> INVALID_AT_A_BYTE = List.of(
            "c0 80", "c1 bf", "e0 80 80", "e0 9f bf", "f0 80 80 80", "f0 8f bf bf",
            "ed a0 80", "ed bf bf", "ed a0 80 ed b0 80", "ed af bf ed bf bf",
            "f4 90 80 80", "f5 80 80 80", "f7 bf bf bf", "f8 88 80 80 80", "fc 84 80 80 80 80",
            "fe", "ff", "fe fe ff ff",
            "80", "bf", "80 bf 80", "c2 41", "e2 82 41", "f0 9f 41", "c2 c2 a9", "e2 28 a1", "ce ba 80");

    /** Sequences cut short by the end of the message: only the final frame reveals them. */
    private static final List<String> TRUNCATED = List.of("c2", "e2", "e2 82", "f0", "f0 9f", "f0 9f 98", "f4 8f bf");

    /** Valid boundary code points, as UTF-8. */
    private static final List<String> VALID = List.of(
            "00", "7f", "c2 80", "df bf", "e0 a0 80", "ed 9f bf", "ee 80 80", "ef bf bd", "ef bf be", "ef bf bf",
            "f0 90 80 80", "f0 9f 98 80", "f3 bf bf bf", "f4 8f bf bf", "f0 9f bf be", "ce ba e1 bd b9 cf 83 ce bc ce b5",
            "ef bb bf 41", "41 ef bb bf");

    private Utf8Cases() {
    }

    public static List<Named<Case>> cases() {
        List<Named<Case>> cases = new ArrayList<>();
        cases.add(named("6.1.1", "empty text message", p -> {
            p.send(TEXT, new byte[0]);
            p.expectEcho("");
            p.closeNormally();
        }));
        cases.add(named("6.1.2", "empty text in 3 empty fragments", p -> {
            p.sendRaw(concat(p.frame(false, 0, TEXT, new byte[0]), p.frame(false, 0, CONTINUATION, new byte[0]),
                    p.frame(true, 0, CONTINUATION, new byte[0])));
            p.expectEcho("");
            p.closeNormally();
        }));
        cases.add(named("6.1.3", "empty, \"middle\", empty fragments", p -> {
            p.sendRaw(concat(p.frame(false, 0, TEXT, new byte[0]), p.frame(false, 0, CONTINUATION, utf8("middle")),
                    p.frame(true, 0, CONTINUATION, new byte[0])));
            p.expectEcho("middle");
            p.closeNormally();
        }));
        String hello = "Hello-µ@ßöäüàá-UTF-8!!";
        cases.add(named("6.2.1", "valid multi-byte text in one frame", p -> {
            p.sendText(hello);
            p.expectEcho(hello);
            p.closeNormally();
        }));
        cases.add(named("6.2.2", "valid multi-byte text fragmented at code point boundaries", p -> {
            p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("Hello-µ@ßöä")), p.frame(true, 0, CONTINUATION, utf8("üàá-UTF-8!!"))));
            p.expectEcho(hello);
            p.closeNormally();
        }));
        cases.add(named("6.2.3", "valid multi-byte text, one byte per fragment", p -> oneBytePerFragment(p, utf8(hello))));
        cases.add(named("6.2.4", "κόσμε plus 4-byte 😀 and U+10FFFF, one byte per fragment",
                p -> oneBytePerFragment(p, concat(KOSME, HEX.parseHex("f0 9f 98 80 f4 8f bf bf")))));
        cases.addAll(Case.numbered("6.3", VALID, hex -> "valid " + hex + " echoed from one frame, then split per byte", hex -> p -> {
            byte[] b = HEX.parseHex(hex);
            p.send(TEXT, b);
            p.expectEcho(TEXT, b);
            oneBytePerFragment(p, b);
        }));
        cases.addAll(Case.numbered("6.4", INVALID_AT_A_BYTE,
                hex -> "κόσμε + " + hex + " in a non-final first fragment fails with 1007 before more is sent",
                hex -> p -> failFast(p, TEXT, concat(KOSME, HEX.parseHex(hex)))));
        cases.addAll(Case.numbered("6.5", INVALID_AT_A_BYTE,
                hex -> hex + " in a non-final second fragment fails with 1007 before the third is sent",
                hex -> p -> {
                    p.send(false, 0, TEXT, KOSME);
                    failFast(p, CONTINUATION, HEX.parseHex(hex));
                }));
        cases.addAll(Case.numbered("6.6", INVALID_AT_A_BYTE, hex -> hex + " alone in one final frame fails with 1007", hex -> p -> {
            p.send(TEXT, HEX.parseHex(hex));
            p.expectFailure(1007);
        }));
        cases.addAll(Case.numbered("6.7", INVALID_AT_A_BYTE,
                hex -> "κόσμε + " + hex + " one byte per non-final fragment, in one write, fails with 1007 at the bad byte",
                hex -> p -> {
                    byte[] bad = concat(KOSME, HEX.parseHex(hex));
                    byte[][] frames = new byte[bad.length][];
                    for (int i = 0; i < bad.length; i++) {
                        frames[i] = p.frame(false, 0, i == 0 ? TEXT : CONTINUATION, new byte[] {bad[i]});
                    }
                    p.sendRaw(concat(frames)); // never finished: only the bad byte itself can end it
                    p.expectFailure(1007);
                }));
        cases.addAll(Case.numbered("6.8", TRUNCATED, hex -> "κόσμε + " + hex + " truncated by the end of a final frame fails with 1007",
                hex -> p -> {
                    p.send(TEXT, concat(KOSME, HEX.parseHex(hex)));
                    p.expectFailure(1007);
                }));
        cases.addAll(Case.numbered("6.9", TRUNCATED,
                hex -> hex + " left incomplete by an empty final continuation fails with 1007",
                hex -> p -> {
                    p.sendRaw(concat(p.frame(false, 0, TEXT, concat(KOSME, HEX.parseHex(hex))),
                            p.frame(true, 0, CONTINUATION, new byte[0])));
                    p.expectFailure(1007);
                }));
        cases.add(named("6.10.1", "lead byte ending fragment 1, bad continuation starting fragment 2: 1007 before fragment 3", p -> {
            p.send(false, 0, TEXT, concat(KOSME, HEX.parseHex("f4")));
            failFast(p, CONTINUATION, HEX.parseHex("90 80 80"));
        }));
        cases.add(named("6.10.2", "a character split across three fragments is valid", p -> {
            p.sendRaw(concat(p.frame(false, 0, TEXT, HEX.parseHex("41 f0 9f")), p.frame(false, 0, CONTINUATION, HEX.parseHex("98")),
                    p.frame(true, 0, CONTINUATION, HEX.parseHex("80 42"))));
            p.expectEcho("A😀B");
            p.closeNormally();
        }));
        cases.add(named("6.10.3", "invalid bytes early in a final frame whose rest never comes: 1007 without waiting for it", p -> {
            byte[] header = p.header(true, 0, TEXT, 100);
            byte[] payload = concat(KOSME, HEX.parseHex("ed a0 80"));
            // 100 - 14 payload bytes are never sent: Bowline must not wait for them
            p.sendRaw(concat(header, masked(header, payload)));
            p.expectFailure(1007);
        }));
        cases.add(named("6.10.4", "lead byte ending fragment 1, one bad continuation starting fragment 2: 1007 before fragment 3", p -> {
            p.send(false, 0, TEXT, concat(KOSME, HEX.parseHex("f4")));
            failFast(p, CONTINUATION, HEX.parseHex("90"));
        }));
        cases.add(named("6.10.5", "κόσμε, F4 90 80 80, edited: fragment 2 fails before fragment 3 is sent", p -> {
            p.send(false, 0, TEXT, KOSME);
            failFast(p, CONTINUATION, HEX.parseHex("f4 90 80 80"));
        }));
        cases.add(named("6.10.6", "ASCII then the text continues after a complete 2-byte char split across frames", p -> {
            p.sendRaw(concat(p.frame(false, 0, TEXT, HEX.parseHex("41 ce")), p.frame(false, 0, CONTINUATION, HEX.parseHex("ba")),
                    p.frame(true, 0, CONTINUATION, HEX.parseHex("42"))));
            p.expectEcho("Aκ" + "B");
            p.closeNormally();
        }));
        cases.add(named("6.11.1", "a continuation byte starting the message after a valid one fails with 1007 (no state carried over)", p -> {
            p.sendRaw(concat(p.frame(true, 0, TEXT, utf8("κ")), p.frame(true, 0, TEXT, HEX.parseHex("ba 41"))));
            p.expectEcho("κ");
            p.expectFailure(1007);
        }));
        cases.add(named("6.11.2", "a character split across fragments with a ping between the halves", p -> {
            p.sendRaw(concat(p.frame(false, 0, TEXT, HEX.parseHex("41 f0 9f")), p.frame(true, 0, PING, utf8("mid")),
                    p.frame(true, 0, CONTINUATION, HEX.parseHex("98 80"))));
            p.expectPong(utf8("mid"));
            p.expectEcho("A😀");
            p.closeNormally();
        }));
        cases.add(named("6.12.1", "binary messages are not text: bytes that are invalid UTF-8 are echoed as they are", p -> {
            byte[] notText = HEX.parseHex("ff fe ed a0 80 c0 80 f8 88 80 80 80");
            p.send(BINARY, notText);
            p.expectEcho(BINARY, notText);
            p.sendRaw(concat(p.frame(false, 0, BINARY, HEX.parseHex("f0 9f")), p.frame(true, 0, CONTINUATION, HEX.parseHex("41"))));
            p.expectEcho(BINARY, HEX.parseHex("f0 9f 41"));
            p.closeNormally();
        }));
        cases.addAll(Case.numbered("6.13", INVALID_AT_A_BYTE,
                hex -> "κόσμε + " + hex + " one byte per non-final fragment, each its own write, fails with 1007 at the bad byte",
                hex -> p -> {
                    byte[] bad = concat(KOSME, HEX.parseHex(hex));
                    try {
                        for (int i = 0; i < bad.length; i++) {
                            p.send(false, 0, i == 0 ? TEXT : CONTINUATION, new byte[] {bad[i]});
                            p.settle(i < KOSME.length ? 0 : 2); // the bad bytes arrive apart, not in one read
                        }
                    } catch (java.io.IOException closedAlready) {
                        // Bowline failed at the bad byte and closed TCP while trailing bytes were still going out
                    }
                    p.expectFailure(1007);
                }));
        return cases;
    }

    /** The payload masked with the key at the end of {@code header} when the peer masks (a client), else as it is. */
    private static byte[] masked(byte[] header, byte[] payload) {
        if ((header[1] & 0x80) == 0) {
            return payload;
        }
        byte[] out = payload.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= header[header.length - 4 + (i & 3)];
        }
        return out;
    }

    private static void oneBytePerFragment(Peer p, byte[] text) throws Exception {
        byte[][] frames = new byte[Math.max(1, text.length)][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = p.frame(i == frames.length - 1, 0, i == 0 ? TEXT : CONTINUATION,
                    text.length == 0 ? text : new byte[] {text[i]});
        }
        p.sendRaw(concat(frames));
        p.expectEcho(TEXT, text);
        p.closeNormally();
    }

    /** Sends a NON-final fragment holding an invalid sequence; the 1007 must come without anything more. */
    private static void failFast(Peer p, int opcode, byte[] fragment) throws Exception {
        p.send(false, 0, opcode, fragment);
        p.expectFailure(1007);
    }
}
