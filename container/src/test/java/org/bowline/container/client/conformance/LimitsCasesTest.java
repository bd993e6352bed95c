package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.BINARY;
import static org.bowline.container.client.conformance.WireServer.CONTINUATION;
import static org.bowline.container.client.conformance.WireServer.TEXT;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 9, client role: large messages and many messages within the client's limits
 * ({@link #CLIENT_MAX_MESSAGE}; sizes stay at a few MiB, the machine is shared), and messages beyond
 * them, which fail the connection with 1009 as soon as the announced length shows it (RFC 6455
 * 7.4.1), without waiting for payload that may never come. Nothing here measures time.
 */
class LimitsCasesTest extends ClientConformanceFamily {

    static List<Named<Scenario>> cases() {
        return List.of(
                named("9.1.1", "1 MiB text in one frame", s -> echo(s, TEXT, MIB, Integer.MAX_VALUE)),
                named("9.1.2", "2 MiB text in one frame", s -> echo(s, TEXT, 2 * MIB, Integer.MAX_VALUE)),
                named("9.1.3", "2 MiB text in 64 KiB frames", s -> echo(s, TEXT, 2 * MIB, 64 * 1024)),
                named("9.2.1", "1 MiB binary in one frame", s -> echo(s, BINARY, MIB, Integer.MAX_VALUE)),
                named("9.2.2", "2 MiB binary in one frame", s -> echo(s, BINARY, 2 * MIB, Integer.MAX_VALUE)),
                named("9.2.3", "2 MiB binary in 4 KiB frames", s -> echo(s, BINARY, 2 * MIB, 4 * 1024)),
                named("9.3.1", "binary of exactly the client's limit in one frame", s -> echo(s, BINARY, CLIENT_MAX_MESSAGE, Integer.MAX_VALUE)),
                named("9.3.2", "text of exactly the client's limit in 512 KiB frames", s -> echo(s, TEXT, CLIENT_MAX_MESSAGE, 512 * 1024)),
                named("9.4.1", "multi-byte text of 2 MiB in one frame", s -> {
                    s.setTimeout(60_000);
                    byte[] text = WireServer.utf8("κόσμε😀€ß".repeat(2 * MIB / 19));
                    s.send(TEXT, text);
                    s.expectEcho(TEXT, text);
                    s.closeNormally();
                }),
                named("9.5.1", "binary one byte over the limit, header only: 1009 before the payload", s -> {
                    s.sendRaw(WireServer.header(true, 0, BINARY, CLIENT_MAX_MESSAGE + 1L));
                    s.expectFailure(1009);
                }),
                named("9.5.2", "text announcing 2^63-1 bytes: 1009 before the payload", s -> {
                    s.sendRaw(WireServer.header(true, 0, TEXT, Long.MAX_VALUE));
                    s.expectFailure(1009);
                }),
                named("9.5.3", "fragmented binary crossing the limit: 1009 at the header of the fragment that crosses it", s -> {
                    s.setTimeout(60_000);
                    byte[] part = payload(BINARY, MIB);
                    for (int i = 0; i < CLIENT_MAX_MESSAGE / MIB; i++) {
                        s.send(false, 0, i == 0 ? BINARY : CONTINUATION, part);
                    }
                    s.sendRaw(WireServer.header(true, 0, CONTINUATION, 1));
                    s.expectFailure(1009);
                }),
                named("9.5.4", "a message within the limit is echoed before one beyond it fails with 1009", s -> {
                    s.sendRaw(WireServer.concat(WireServer.frame(true, 0, TEXT, WireServer.utf8("small")),
                            WireServer.header(true, 0, TEXT, CLIENT_MAX_MESSAGE + 1L)));
                    s.expectEcho("small");
                    s.expectFailure(1009);
                }),
                named("9.7.1", "500 text messages of 1 KiB, written while the echoes are read", s -> pipelined(s, TEXT, 500, 1024)),
                named("9.8.1", "500 binary messages of 4 KiB, written while the echoes are read", s -> pipelined(s, BINARY, 500, 4096)),
                named("9.8.2", "2000 binary messages of 16 bytes, written while the echoes are read", s -> pipelined(s, BINARY, 2000, 16)));
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

    private static void echo(WireServer s, int opcode, int length, int fragment) throws Exception {
        s.setTimeout(60_000); // a loaded machine is not a protocol failure
        byte[] data = payload(opcode, length);
        if (fragment >= length) {
            s.send(opcode, data);
        } else {
            s.sendFragmented(opcode, data, fragment);
        }
        s.expectEcho(opcode, data);
        s.closeNormally();
    }

    /** Writes from a second thread so neither side can block the other on full TCP buffers. */
    private static void pipelined(WireServer s, int opcode, int count, int length) throws Exception {
        s.setTimeout(60_000);
        byte[][] messages = new byte[count][];
        for (int i = 0; i < count; i++) {
            messages[i] = payload(opcode, length);
            messages[i][0] = (byte) ('0' + i % 10);
        }
        Thread writer = new Thread(() -> {
            try {
                for (byte[] m : messages) {
                    s.send(opcode, m);
                }
            } catch (Exception e) {
                // the reader below reports the missing echoes
            }
        }, "fuzzing-server-writer");
        writer.start();
        try {
            for (byte[] m : messages) {
                s.expectEcho(opcode, m);
            }
        } finally {
            writer.join(60_000);
        }
        s.closeNormally();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void echoesLargeAndManyMessagesWithinTheLimits(Scenario scenario) throws Exception {
        runCase(scenario);
    }
}
