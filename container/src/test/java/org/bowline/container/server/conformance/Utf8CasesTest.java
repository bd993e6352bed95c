package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;
import static org.bowline.container.server.conformance.WireClient.CONTINUATION;
import static org.bowline.container.server.conformance.WireClient.TEXT;
import static org.bowline.container.server.conformance.WireClient.concat;
import static org.bowline.container.server.conformance.WireClient.frame;
import static org.bowline.container.server.conformance.WireClient.utf8;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 6: text must be valid UTF-8 (RFC 6455 8.1, RFC 3629), and an invalid
 * sequence fails the connection with 1007 as soon as its first bad byte arrives, not when the
 * message ends: the fast-fail cases send the bad fragment and then wait, sending nothing more.
 */
class Utf8CasesTest extends ConformanceFamily {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final byte[] KOSME = utf8("κόσμε");

    /** Sequences that are wrong at a byte that is already on the wire: a validator knows there. */
    private static final List<String> INVALID_AT_A_BYTE = List.of(
            "c0 80", "c1 bf", "e0 80 80", "e0 9f bf", "f0 80 80 80", "f0 8f bf bf",
            "ed a0 80", "ed bf bf", "ed a0 80 ed b0 80", "ed af bf ed bf bf",
            "f4 90 80 80", "f5 80 80 80", "f7 bf bf bf", "f8 88 80 80 80", "fc 84 80 80 80 80",
            "fe", "ff", "fe fe ff ff",
            "80", "bf", "80 bf 80", "c2 41", "e2 82 41", "f0 9f 41", "c2 c2 a9", "e2 28 a1", "ce ba 80");

    /** Sequences cut short by the end of the message: only the final frame can reveal them. */
    private static final List<String> TRUNCATED = List.of("c2", "e2", "e2 82", "f0", "f0 9f", "f0 9f 98", "f4 8f bf");

    /** Valid boundary code points, as UTF-8. */
    private static final List<String> VALID = List.of(
            "00", "7f", "c2 80", "df bf", "e0 a0 80", "ed 9f bf", "ee 80 80", "ef bf bd", "ef bf be", "ef bf bf",
            "f0 90 80 80", "f0 9f 98 80", "f3 bf bf bf", "f4 8f bf bf", "f0 9f bf be", "ce ba e1 bd b9 cf 83 ce bc ce b5");

    static List<Named<Scenario>> cases() {
        List<Named<Scenario>> cases = new ArrayList<>();
        cases.add(named("6.1.1", "empty text message", c -> {
            c.send(TEXT, new byte[0]);
            c.expectEcho("");
            c.closeNormally();
        }));
        cases.add(named("6.1.2", "empty text in 3 empty fragments", c -> {
            c.sendRaw(concat(frame(false, 0, TEXT, new byte[0]), frame(false, 0, CONTINUATION, new byte[0]),
                    frame(true, 0, CONTINUATION, new byte[0])));
            c.expectEcho("");
            c.closeNormally();
        }));
        cases.add(named("6.1.3", "empty, \"middle\", empty fragments", c -> {
            c.sendRaw(concat(frame(false, 0, TEXT, new byte[0]), frame(false, 0, CONTINUATION, utf8("middle")),
                    frame(true, 0, CONTINUATION, new byte[0])));
            c.expectEcho("middle");
            c.closeNormally();
        }));
        String hello = "Hello-µ@ßöäüàá-UTF-8!!";
        cases.add(named("6.2.1", "valid multi-byte text in one frame", c -> {
            c.sendText(hello);
            c.expectEcho(hello);
            c.closeNormally();
        }));
        cases.add(named("6.2.2", "valid multi-byte text fragmented at code point boundaries", c -> {
            c.sendRaw(concat(frame(false, 0, TEXT, utf8("Hello-µ@ßöä")), frame(true, 0, CONTINUATION, utf8("üàá-UTF-8!!"))));
            c.expectEcho(hello);
            c.closeNormally();
        }));
        cases.add(named("6.2.3", "valid multi-byte text, one byte per fragment", c -> oneBytePerFragment(c, utf8(hello))));
        cases.add(named("6.2.4", "κόσμε plus 4-byte 😀 and U+10FFFF, one byte per fragment",
                c -> oneBytePerFragment(c, concat(KOSME, HEX.parseHex("f0 9f 98 80 f4 8f bf bf")))));
        cases.addAll(Scenario.numbered("6.3", VALID, hex -> "valid " + hex + " echoed, one frame and split per byte", hex -> c -> {
            byte[] b = HEX.parseHex(hex);
            c.send(TEXT, b);
            c.expectEcho(WireClient.TEXT, b);
            oneBytePerFragment(c, b);
        }));
        cases.addAll(Scenario.numbered("6.4", INVALID_AT_A_BYTE,
                hex -> "κόσμε + " + hex + " in a non-final first fragment fails with 1007 before more is sent",
                hex -> c -> failFast(c, concat(KOSME, HEX.parseHex(hex)))));
        cases.addAll(Scenario.numbered("6.5", INVALID_AT_A_BYTE,
                hex -> hex + " in a non-final second fragment fails with 1007 before the third is sent",
                hex -> c -> {
                    c.send(false, 0, TEXT, KOSME);
                    failFast(c, CONTINUATION, HEX.parseHex(hex));
                }));
        cases.addAll(Scenario.numbered("6.6", INVALID_AT_A_BYTE, hex -> hex + " alone in one final frame fails with 1007", hex -> c -> {
            c.send(TEXT, HEX.parseHex(hex));
            c.expectFailure(1007);
        }));
        cases.addAll(Scenario.numbered("6.7", INVALID_AT_A_BYTE,
                hex -> hex + " split one byte per fragment fails with 1007 at the bad byte",
                hex -> c -> {
                    byte[] bad = concat(KOSME, HEX.parseHex(hex));
                    try {
                        for (int i = 0; i < bad.length; i++) {
                            c.send(false, 0, i == 0 ? TEXT : CONTINUATION, new byte[] {bad[i]});
                            Thread.sleep(i < KOSME.length ? 0 : 2);
                        }
                    } catch (java.io.IOException closedAlready) {
                        // the server failed at the bad byte and closed TCP while trailing bytes were still going out
                    }
                    c.expectFailure(1007);
                }));
        cases.addAll(Scenario.numbered("6.8", TRUNCATED, hex -> "κόσμε + " + hex + " truncated at the end of a final frame fails with 1007",
                hex -> c -> {
                    c.send(TEXT, concat(KOSME, HEX.parseHex(hex)));
                    c.expectFailure(1007);
                }));
        cases.addAll(Scenario.numbered("6.9", TRUNCATED,
                hex -> hex + " left incomplete by an empty final continuation fails with 1007",
                hex -> c -> {
                    c.sendRaw(concat(frame(false, 0, TEXT, concat(KOSME, HEX.parseHex(hex))), frame(true, 0, CONTINUATION, new byte[0])));
                    c.expectFailure(1007);
                }));
        cases.add(named("6.10.1", "lead byte ending fragment 1, bad continuation starting fragment 2: fail before fragment 3", c -> {
            c.send(false, 0, TEXT, concat(KOSME, HEX.parseHex("f4")));
            failFast(c, CONTINUATION, HEX.parseHex("90"));
        }));
        cases.add(named("6.10.2", "κόσμε, F4 90 80 80, edited: fragment 2 fails before fragment 3 is sent", c -> {
            c.send(false, 0, TEXT, KOSME);
            failFast(c, CONTINUATION, HEX.parseHex("f4 90 80 80"));
        }));
        cases.add(named("6.10.3", "ASCII then the text continues after a complete 2-byte char split across frames", c -> {
            c.sendRaw(concat(frame(false, 0, TEXT, HEX.parseHex("41 ce")), frame(false, 0, CONTINUATION, HEX.parseHex("ba")),
                    frame(true, 0, CONTINUATION, HEX.parseHex("42"))));
            c.expectEcho("Aκ" + "B");
            c.closeNormally();
        }));
        return cases;
    }

    private static void oneBytePerFragment(WireClient c, byte[] text) throws Exception {
        byte[][] frames = new byte[Math.max(1, text.length)][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(i == frames.length - 1, 0, i == 0 ? TEXT : CONTINUATION,
                    text.length == 0 ? text : new byte[] {text[i]});
        }
        c.sendRaw(concat(frames));
        c.expectEcho(TEXT, text);
        c.closeNormally();
    }

    private static void failFast(WireClient c, byte[] fragment) throws Exception {
        failFast(c, TEXT, fragment);
    }

    /** Sends a NON-final fragment holding an invalid sequence; the 1007 must come without more. */
    private static void failFast(WireClient c, int opcode, byte[] fragment) throws Exception {
        c.send(false, 0, opcode, fragment);
        c.expectFailure(1007);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesUtf8AndFailsFast(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }
}
