package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;
import static org.bowline.container.server.conformance.WireClient.BINARY;
import static org.bowline.container.server.conformance.WireClient.TEXT;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 9: large messages and many messages, within the demo server's 64 MiB limits.
 * Nothing here measures time; a case fails only on a wrong echo or a stalled connection.
 */
class LimitsCasesTest extends ConformanceFamily {

    private static final int MIB = 1024 * 1024;

    static List<Named<Scenario>> cases() {
        return List.of(
                named("9.1.1", "16 MiB text in one frame", c -> echo(c, TEXT, 16 * MIB, Integer.MAX_VALUE)),
                named("9.1.2", "16 MiB text in 64 KiB frames", c -> echo(c, TEXT, 16 * MIB, 64 * 1024)),
                named("9.2.1", "16 MiB binary in one frame", c -> echo(c, BINARY, 16 * MIB, Integer.MAX_VALUE)),
                named("9.2.2", "16 MiB binary in 64 KiB frames", c -> echo(c, BINARY, 16 * MIB, 64 * 1024)),
                named("9.3.1", "64 MiB binary in one frame (the configured maximum)", c -> echo(c, BINARY, 64 * MIB, Integer.MAX_VALUE)),
                named("9.4.1", "multi-byte text of 4 MiB in one frame", c -> {
                    byte[] text = WireClient.utf8("κόσμε😀€ß".repeat(4 * MIB / 19));
                    c.send(TEXT, text);
                    c.expectEcho(TEXT, text);
                    c.closeNormally();
                }),
                named("9.7.1", "1000 text messages of 1 KiB written while echoes are read", c -> pipelined(c, TEXT, 1000, 1024)),
                named("9.8.1", "1000 binary messages of 4 KiB written while echoes are read", c -> pipelined(c, BINARY, 1000, 4096)));
    }

    private static byte[] payload(int opcode, int length) {
        byte[] data = new byte[length];
        if (opcode == TEXT) {
            for (int i = 0; i < length; i++) {
                data[i] = (byte) ('!' + i % 90);
            }
        } else {
            new Random(length).nextBytes(data);
        }
        return data;
    }

    private static void echo(WireClient c, int opcode, int length, int fragment) throws Exception {
        c.setTimeout(30_000); // a slow CI machine is not a protocol failure
        byte[] data = payload(opcode, length);
        if (fragment >= length) {
            c.send(opcode, data);
        } else {
            c.sendFragmented(opcode, data, fragment);
        }
        c.expectEcho(opcode, data);
        c.closeNormally();
    }

    /** Writes from a second thread so neither side can block the other on full TCP buffers. */
    private static void pipelined(WireClient c, int opcode, int count, int length) throws Exception {
        c.setTimeout(30_000);
        byte[][] messages = new byte[count][];
        for (int i = 0; i < count; i++) {
            messages[i] = payload(opcode, length);
            messages[i][0] = (byte) ('0' + i % 10);
        }
        Thread writer = new Thread(() -> {
            try {
                for (byte[] m : messages) {
                    c.send(opcode, m);
                }
            } catch (Exception e) {
                // the reader below reports the missing echoes
            }
        }, "conformance-writer");
        writer.start();
        try {
            for (byte[] m : messages) {
                c.expectEcho(opcode, m);
            }
        } finally {
            writer.join(30_000);
        }
        c.closeNormally();
        Arrays.fill(messages, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void echoesLargeAndManyMessages(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }
}
