package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn family 1: payload lengths around each length-encoding boundary of RFC 6455 5.2. */
class FramingCasesTest extends ConformanceFamily {

    private static final int[] LENGTHS = {0, 125, 126, 127, 128, 65535, 65536};

    static List<Named<Scenario>> cases() {
        List<Named<Scenario>> cases = new ArrayList<>();
        for (int i = 0; i < LENGTHS.length; i++) {
            int length = LENGTHS[i];
            cases.add(named("1.1." + (i + 1), "text, " + length + " bytes, one frame", c -> echo(c, WireClient.TEXT, length, 0)));
        }
        cases.add(named("1.1.8", "text, 65536 bytes, written in 997-byte chops", c -> echo(c, WireClient.TEXT, 65536, 997)));
        for (int i = 0; i < LENGTHS.length; i++) {
            int length = LENGTHS[i];
            cases.add(named("1.2." + (i + 1), "binary, " + length + " bytes, one frame", c -> echo(c, WireClient.BINARY, length, 0)));
        }
        cases.add(named("1.2.8", "binary, 65536 bytes, written in 997-byte chops", c -> echo(c, WireClient.BINARY, 65536, 997)));
        return cases;
    }

    private static void echo(WireClient c, int opcode, int length, int chop) throws Exception {
        byte[] payload = new byte[length];
        if (opcode == WireClient.TEXT) {
            Arrays.fill(payload, (byte) '*');
        } else {
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (i * 31 + 0xFE);
            }
        }
        byte[] frame = WireClient.frame(true, 0, opcode, payload);
        if (chop > 0) {
            c.sendChopped(frame, chop, 0);
        } else {
            c.sendRaw(frame);
        }
        c.expectEcho(opcode, payload);
        c.closeNormally();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void echoesEveryLengthEncoding(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }
}
