package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;
import static org.bowline.container.server.conformance.WireClient.BINARY;
import static org.bowline.container.server.conformance.WireClient.TEXT;

import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn family 10: a 64 KiB message arriving in many small frames is echoed whole. */
class AutoFragmentationCasesTest extends ConformanceFamily {

    private static final int SIZE = 64 * 1024;

    static List<Named<Scenario>> cases() {
        return List.of(
                named("10.1.1", "64 KiB text in 1300-byte frames", c -> echo(c, TEXT, 1300)),
                named("10.1.2", "64 KiB text in 4096 frames of 16 bytes", c -> echo(c, TEXT, 16)),
                named("10.1.3", "64 KiB binary in 1300-byte frames", c -> echo(c, BINARY, 1300)),
                named("10.1.4", "64 KiB binary in 4096 frames of 16 bytes", c -> echo(c, BINARY, 16)),
                named("10.1.5", "64 KiB multi-byte text in 4096 frames of 16 bytes, characters split across frames", c -> {
                    byte[] text = WireClient.utf8("aκ😀€".repeat(SIZE / 10));
                    c.sendRaw(frames(TEXT, text, 16));
                    c.expectEcho(TEXT, text);
                    c.closeNormally();
                }));
    }

    private static void echo(WireClient c, int opcode, int fragment) throws Exception {
        byte[] data = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            data[i] = (byte) (opcode == TEXT ? 'a' + i % 26 : i * 7);
        }
        c.sendRaw(frames(opcode, data, fragment));
        c.expectEcho(opcode, data);
        c.closeNormally();
    }

    /** All frames of one message in one buffer, so the server sees them arrive as fast as TCP allows. */
    private static byte[] frames(int opcode, byte[] data, int fragment) {
        int count = (data.length + fragment - 1) / fragment;
        byte[][] frames = new byte[count][];
        for (int i = 0; i < count; i++) {
            int from = i * fragment;
            frames[i] = WireClient.frame(i == count - 1, 0, i == 0 ? opcode : WireClient.CONTINUATION,
                    java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + fragment)));
        }
        return WireClient.concat(frames);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void echoesAutoFragmentedMessages(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }
}
