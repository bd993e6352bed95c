package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 1, client role: the server sends messages whose lengths sit on each side of the
 * length-encoding boundaries of RFC 6455 5.2, whole or chopped into small writes; the client must
 * echo each one exactly, in a masked frame with a minimal length encoding.
 */
class FramingCasesTest extends ClientConformanceFamily {

    private static final int[] LENGTHS = {0, 125, 126, 127, 128, 65535, 65536};

    static List<Named<Scenario>> cases() {
        List<Named<Scenario>> cases = new ArrayList<>();
        for (int i = 0; i < LENGTHS.length; i++) {
            int length = LENGTHS[i];
            cases.add(named("1.1." + (i + 1), "text, " + length + " bytes, one frame", s -> echo(s, WireServer.TEXT, length, 0)));
        }
        cases.add(named("1.1.8", "text, 65536 bytes, written in 997-byte chops", s -> echo(s, WireServer.TEXT, 65536, 997)));
        for (int i = 0; i < LENGTHS.length; i++) {
            int length = LENGTHS[i];
            cases.add(named("1.2." + (i + 1), "binary, " + length + " bytes, one frame", s -> echo(s, WireServer.BINARY, length, 0)));
        }
        cases.add(named("1.2.8", "binary, 65536 bytes, written in 997-byte chops", s -> echo(s, WireServer.BINARY, 65536, 997)));
        cases.add(named("1.3.1", "binary, 200 bytes, header and payload written 1 byte at a time",
                s -> echo(s, WireServer.BINARY, 200, 1)));
        cases.add(named("1.3.2", "text and binary messages of every boundary length back to back in one write", s -> {
            byte[][] frames = new byte[2 * LENGTHS.length][];
            for (int i = 0; i < LENGTHS.length; i++) {
                frames[2 * i] = WireServer.frame(true, 0, WireServer.TEXT, payload(WireServer.TEXT, LENGTHS[i]));
                frames[2 * i + 1] = WireServer.frame(true, 0, WireServer.BINARY, payload(WireServer.BINARY, LENGTHS[i]));
            }
            s.sendRaw(WireServer.concat(frames));
            for (int length : LENGTHS) {
                s.expectEcho(WireServer.TEXT, payload(WireServer.TEXT, length));
                s.expectEcho(WireServer.BINARY, payload(WireServer.BINARY, length));
            }
            s.closeNormally();
        }));
        return cases;
    }

    private static byte[] payload(int opcode, int length) {
        byte[] payload = new byte[length];
        if (opcode == WireServer.TEXT) {
            Arrays.fill(payload, (byte) '*');
        } else {
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (i * 31 + 0xFE);
            }
        }
        return payload;
    }

    private static void echo(WireServer s, int opcode, int length, int chop) throws Exception {
        byte[] payload = payload(opcode, length);
        byte[] frame = WireServer.frame(true, 0, opcode, payload);
        if (chop > 0) {
            s.sendChopped(frame, chop, 0);
        } else {
            s.sendRaw(frame);
        }
        s.expectEcho(opcode, payload);
        s.closeNormally();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void echoesEveryLengthEncoding(Scenario scenario) throws Exception {
        runCase(scenario);
    }
}
