package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.CONTINUATION;
import static org.bowline.container.client.conformance.WireServer.TEXT;
import static org.bowline.container.client.conformance.WireServer.concat;
import static org.bowline.container.client.conformance.WireServer.frame;
import static org.bowline.container.client.conformance.WireServer.utf8;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 6, client role: text from the server must be valid UTF-8 (RFC 6455 8.1, RFC
 * 3629). Valid text is echoed byte for byte; an invalid sequence fails the connection with 1007 as
 * soon as its first bad byte arrives: the fast-fail cases send the bad bytes in a NON-final
 * fragment and then send nothing more, so a client that waits for the end of the message hangs
 * and fails the case.
 */
class Utf8CasesTest extends ClientConformanceFamily {

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

    static List<Named<Scenario>> cases() {
        List<Named<Scenario>> cases = new ArrayList<>();
        cases.add(named("6.1.1", "empty text message", s -> {
            s.send(TEXT, new byte[0]);
            s.expectEcho("");
            s.closeNormally();
        }));
        cases.add(named("6.1.2", "empty text in 3 empty fragments", s -> {
            s.sendRaw(concat(frame(false, 0, TEXT, new byte[0]), frame(false, 0, CONTINUATION, new byte[0]),
                    frame(true, 0, CONTINUATION, new byte[0])));
            s.expectEcho("");
            s.closeNormally();
        }));
        cases.add(named("6.1.3", "empty, \"middle\", empty fragments", s -> {
            s.sendRaw(concat(frame(false, 0, TEXT, new byte[0]), frame(false, 0, CONTINUATION, utf8("middle")),
                    frame(true, 0, CONTINUATION, new byte[0])));
            s.expectEcho("middle");
            s.closeNormally();
        }));
        String hello = "Hello-µ@ßöäüàá-UTF-8!!";
        cases.add(named("6.2.1", "valid multi-byte text in one frame", s -> {
            s.sendText(hello);
            s.expectEcho(hello);
            s.closeNormally();
        }));
        cases.add(named("6.2.2", "valid multi-byte text fragmented at code point boundaries", s -> {
            s.sendRaw(concat(frame(false, 0, TEXT, utf8("Hello-µ@ßöä")), frame(true, 0, CONTINUATION, utf8("üàá-UTF-8!!"))));
            s.expectEcho(hello);
            s.closeNormally();
        }));
        cases.add(named("6.2.3", "valid multi-byte text, one byte per fragment", s -> oneBytePerFragment(s, utf8(hello))));
        cases.add(named("6.2.4", "κόσμε plus 4-byte 😀 and U+10FFFF, one byte per fragment",
                s -> oneBytePerFragment(s, concat(KOSME, HEX.parseHex("f0 9f 98 80 f4 8f bf bf")))));
        cases.addAll(Scenario.numbered("6.3", VALID, hex -> "valid " + hex + " echoed from one frame, then split per byte", hex -> s -> {
            byte[] b = HEX.parseHex(hex);
            s.send(TEXT, b);
            s.expectEcho(TEXT, b);
            oneBytePerFragment(s, b);
        }));
        cases.addAll(Scenario.numbered("6.4", INVALID_AT_A_BYTE,
                hex -> "κόσμε + " + hex + " in a non-final first fragment fails with 1007 before more is sent",
                hex -> s -> failFast(s, TEXT, concat(KOSME, HEX.parseHex(hex)))));
        cases.addAll(Scenario.numbered("6.5", INVALID_AT_A_BYTE,
                hex -> hex + " in a non-final second fragment fails with 1007 before the third is sent",
                hex -> s -> {
                    s.send(false, 0, TEXT, KOSME);
                    failFast(s, CONTINUATION, HEX.parseHex(hex));
                }));
        cases.addAll(Scenario.numbered("6.6", INVALID_AT_A_BYTE, hex -> hex + " alone in one final frame fails with 1007", hex -> s -> {
            s.send(TEXT, HEX.parseHex(hex));
            s.expectFailure(1007);
        }));
        cases.addAll(Scenario.numbered("6.7", INVALID_AT_A_BYTE,
                hex -> "κόσμε + " + hex + " one byte per non-final fragment fails with 1007 at the bad byte",
                hex -> s -> {
                    byte[] bad = concat(KOSME, HEX.parseHex(hex));
                    byte[][] frames = new byte[bad.length][];
                    for (int i = 0; i < bad.length; i++) {
                        frames[i] = frame(false, 0, i == 0 ? TEXT : CONTINUATION, new byte[] {bad[i]});
                    }
                    s.sendRaw(concat(frames)); // never finished: only the bad byte itself can end it
                    s.expectFailure(1007);
                }));
        cases.addAll(Scenario.numbered("6.8", TRUNCATED, hex -> "κόσμε + " + hex + " truncated by the end of a final frame fails with 1007",
                hex -> s -> {
                    s.send(TEXT, concat(KOSME, HEX.parseHex(hex)));
                    s.expectFailure(1007);
                }));
        cases.addAll(Scenario.numbered("6.9", TRUNCATED,
                hex -> hex + " left incomplete by an empty final continuation fails with 1007",
                hex -> s -> {
                    s.sendRaw(concat(frame(false, 0, TEXT, concat(KOSME, HEX.parseHex(hex))), frame(true, 0, CONTINUATION, new byte[0])));
                    s.expectFailure(1007);
                }));
        cases.add(named("6.10.1", "lead byte ending fragment 1, bad continuation starting fragment 2: 1007 before fragment 3", s -> {
            s.send(false, 0, TEXT, concat(KOSME, HEX.parseHex("f4")));
            failFast(s, CONTINUATION, HEX.parseHex("90 80 80"));
        }));
        cases.add(named("6.10.2", "a character split across three fragments is valid", s -> {
            s.sendRaw(concat(frame(false, 0, TEXT, HEX.parseHex("41 f0 9f")), frame(false, 0, CONTINUATION, HEX.parseHex("98")),
                    frame(true, 0, CONTINUATION, HEX.parseHex("80 42"))));
            s.expectEcho("A😀B");
            s.closeNormally();
        }));
        cases.add(named("6.10.3", "invalid bytes early in a final frame whose rest never comes: 1007 without waiting for it", s -> {
            byte[] frame = WireServer.header(true, 0, TEXT, 100);
            s.sendRaw(concat(frame, KOSME, HEX.parseHex("ed a0 80")));
            // 100 - 14 payload bytes are never sent: the client must not wait for them
            s.expectFailure(1007);
        }));
        cases.add(named("6.11.1", "a continuation byte starting the message after a valid one fails with 1007 (no state carried over)", s -> {
            s.sendRaw(concat(frame(true, 0, TEXT, utf8("κ")), frame(true, 0, TEXT, HEX.parseHex("ba 41"))));
            s.expectEcho("κ");
            s.expectFailure(1007);
        }));
        cases.add(named("6.11.2", "a character split across fragments with a ping between the halves", s -> {
            s.sendRaw(concat(frame(false, 0, TEXT, HEX.parseHex("41 f0 9f")), frame(true, 0, WireServer.PING, utf8("mid")),
                    frame(true, 0, CONTINUATION, HEX.parseHex("98 80"))));
            s.expectPong(utf8("mid"));
            s.expectEcho("A😀");
            s.closeNormally();
        }));
        cases.add(named("6.12.1", "binary messages are not text: bytes that are invalid UTF-8 are echoed as they are", s -> {
            byte[] notText = HEX.parseHex("ff fe ed a0 80 c0 80 f8 88 80 80 80");
            s.send(WireServer.BINARY, notText);
            s.expectEcho(WireServer.BINARY, notText);
            s.sendRaw(concat(frame(false, 0, WireServer.BINARY, HEX.parseHex("f0 9f")), frame(true, 0, CONTINUATION, HEX.parseHex("41"))));
            s.expectEcho(WireServer.BINARY, HEX.parseHex("f0 9f 41"));
            s.closeNormally();
        }));
        return cases;
    }

    private static void oneBytePerFragment(WireServer s, byte[] text) throws Exception {
        byte[][] frames = new byte[Math.max(1, text.length)][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(i == frames.length - 1, 0, i == 0 ? TEXT : CONTINUATION, text.length == 0 ? text : new byte[] {text[i]});
        }
        s.sendRaw(concat(frames));
        s.expectEcho(TEXT, text);
        s.closeNormally();
    }

    /** Sends a NON-final fragment holding an invalid sequence; the 1007 must come without anything more. */
    private static void failFast(WireServer s, int opcode, byte[] fragment) throws Exception {
        s.send(false, 0, opcode, fragment);
        s.expectFailure(1007);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesUtf8AndFailsFast(Scenario scenario) throws Exception {
        runCase(scenario);
    }
}
