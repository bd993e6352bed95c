package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.BINARY;
import static org.bowline.container.client.conformance.WireServer.CONTINUATION;
import static org.bowline.container.client.conformance.WireServer.PING;
import static org.bowline.container.client.conformance.WireServer.PONG;
import static org.bowline.container.client.conformance.WireServer.concat;
import static org.bowline.container.client.conformance.WireServer.frame;
import static org.bowline.container.client.conformance.WireServer.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 2, client role: the client answers every ping with a pong carrying the same
 * data (RFC 6455 5.5.2), in order, ignores unsolicited pongs (5.5.3) and fails a ping longer than
 * 125 bytes or fragmented with 1002 (5.5).
 */
class PingPongCasesTest extends ClientConformanceFamily {

    static List<Named<Scenario>> cases() {
        return List.of(
                named("2.1", "ping without payload is answered by an empty pong", s -> pingPong(s, new byte[0])),
                named("2.2", "ping with a small text payload", s -> pingPong(s, utf8("Hello, world!"))),
                named("2.3", "ping with a small binary payload", s -> pingPong(s, new byte[] {0, (byte) 0xFF, (byte) 0xFE, (byte) 0xFD, (byte) 0xFC, 0})),
                named("2.4", "ping with a 125-byte binary payload", s -> pingPong(s, binary(125))),
                named("2.5", "ping with a 126-byte payload fails the connection with 1002", s -> {
                    s.send(PING, binary(126));
                    s.expectFailure(1002);
                }),
                named("2.6", "ping with a 125-byte payload written 1 byte at a time", s -> {
                    byte[] payload = binary(125);
                    s.sendChopped(frame(true, 0, PING, payload), 1, 1);
                    s.expectPong(payload);
                    s.closeNormally();
                }),
                named("2.7", "unsolicited empty pong is ignored", s -> {
                    s.send(PONG, new byte[0]);
                    s.closeNormally();
                }),
                named("2.8", "unsolicited pong with payload is ignored", s -> {
                    s.send(PONG, utf8("unsolicited pong payload"));
                    s.closeNormally();
                }),
                named("2.9", "unsolicited pong then ping: only the ping is answered", s -> {
                    s.sendRaw(concat(frame(true, 0, PONG, utf8("unsolicited pong payload")), frame(true, 0, PING, utf8("ping payload"))));
                    s.expectPong(utf8("ping payload"));
                    s.closeNormally();
                }),
                named("2.10", "10 pings in one write are answered by 10 pongs in order", s -> {
                    byte[][] frames = new byte[10][];
                    for (int i = 0; i < 10; i++) {
                        frames[i] = frame(true, 0, PING, utf8("payload-" + i));
                    }
                    s.sendRaw(concat(frames));
                    for (int i = 0; i < 10; i++) {
                        s.expectPong(utf8("payload-" + i));
                    }
                    s.closeNormally();
                }),
                named("2.11", "10 pings with pauses between them are answered by 10 pongs in order", s -> {
                    for (int i = 0; i < 10; i++) {
                        s.send(PING, utf8("payload-" + i));
                        Thread.sleep(10);
                    }
                    for (int i = 0; i < 10; i++) {
                        s.expectPong(utf8("payload-" + i));
                    }
                    s.closeNormally();
                }),
                named("2.12", "fragmented ping fails the connection with 1002", s -> {
                    s.sendRaw(concat(frame(false, 0, PING, utf8("frag")), frame(true, 0, CONTINUATION, utf8("ment"))));
                    s.expectFailure(1002);
                }),
                named("2.13", "ping whose 126-byte length uses the 16-bit encoding, header only: 1002 before any payload", s -> {
                    s.sendRaw(WireServer.header(true, 0, PING, 126));
                    s.expectFailure(1002);
                }),
                named("2.14", "ping between two data messages: pong and both echoes", s -> {
                    s.sendRaw(concat(frame(true, 0, BINARY, binary(10)), frame(true, 0, PING, utf8("mid")), frame(true, 0, BINARY, binary(20))));
                    // RFC 6455 5.5.2 asks for the pong "as soon as is practical", so it may overtake the first echo
                    WireServer.Frame first = s.readFrame();
                    if (first.opcode() == PONG) {
                        assertArrayEquals(utf8("mid"), first.payload());
                        s.expectEcho(BINARY, binary(10));
                    } else {
                        assertEquals(BINARY, first.opcode(), () -> "expected the first echo, got " + first);
                        assertArrayEquals(binary(10), first.payload(), "first echo");
                        s.expectPong(utf8("mid"));
                    }
                    s.expectEcho(BINARY, binary(20));
                    s.closeNormally();
                }),
                named("2.16", "pings between 100 messages of 64 KiB: pongs and echoes each in order, no frame torn by another", s -> {
                    s.setTimeout(60_000);
                    int count = 100;
                    Thread writer = new Thread(() -> {
                        try {
                            for (int i = 0; i < count; i++) {
                                byte[] m = binary(64 * 1024);
                                m[0] = (byte) i;
                                s.sendRaw(concat(frame(true, 0, BINARY, m), frame(true, 0, PING, utf8("ping-" + i))));
                            }
                        } catch (java.io.IOException e) {
                            // the reader reports what went missing
                        }
                    }, "fuzzing-server-writer");
                    writer.start();
                    int echoes = 0;
                    int pongs = 0;
                    try {
                        while (echoes < count || pongs < count) {
                            WireServer.Frame f = s.readFrame();
                            if (f.opcode() == PONG) {
                                assertArrayEquals(utf8("ping-" + pongs), f.payload(), "pongs in the order of their pings");
                                pongs++;
                            } else {
                                assertEquals(BINARY, f.opcode(), () -> "expected an echo or a pong, got " + f);
                                assertTrue(f.fin(), "the echo of a whole message");
                                byte[] expected = binary(64 * 1024);
                                expected[0] = (byte) echoes;
                                assertArrayEquals(expected, f.payload(), "echo " + echoes);
                                echoes++;
                            }
                        }
                    } finally {
                        writer.join(60_000);
                    }
                    s.closeNormally();
                }),
                named("2.15", "ping with every byte value pattern is returned intact", s -> {
                    byte[] payload = new byte[125];
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] = (byte) (255 - i * 2);
                    }
                    pingPong(s, payload);
                }));
    }

    private static void pingPong(WireServer s, byte[] payload) throws Exception {
        s.send(PING, payload);
        s.expectPong(payload);
        s.closeNormally();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersPingsAndIgnoresPongs(Scenario scenario) throws Exception {
        runCase(scenario);
    }
}
