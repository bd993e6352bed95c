package org.bowline.container.conformance;

import static org.bowline.container.conformance.Case.named;
import static org.bowline.container.conformance.Peer.BINARY;
import static org.bowline.container.conformance.Peer.CONTINUATION;
import static org.bowline.container.conformance.Peer.PING;
import static org.bowline.container.conformance.Peer.PONG;
import static org.bowline.container.conformance.Peer.concat;
import static org.bowline.container.conformance.Peer.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Named;

/**
 * Autobahn family 2, both roles: every ping is answered by a pong with its payload (RFC 6455 5.5.2),
 * in order; unsolicited pongs are ignored; a ping over 125 bytes or fragmented fails with 1002.
 */
public final class PingPongCases {

    private PingPongCases() {
    }

    public static List<Named<Case>> cases() {
        return List.of(
                named("2.1", "ping without payload is answered by an empty pong", p -> pingPong(p, new byte[0])),
                named("2.2", "ping with a small text payload", p -> pingPong(p, utf8("Hello, world!"))),
                named("2.3", "ping with a small binary payload", p -> pingPong(p, new byte[] {0, (byte) 0xFF, (byte) 0xFE, (byte) 0xFD, (byte) 0xFC, 0})),
                named("2.4", "ping with a 125-byte binary payload", p -> pingPong(p, binary(125))),
                named("2.5", "ping with a 126-byte payload fails the connection with 1002", p -> {
                    p.send(PING, binary(126));
                    p.expectFailure(1002);
                }),
                named("2.6", "ping with a 125-byte payload written 1 byte at a time", p -> {
                    byte[] payload = binary(125);
                    p.sendChopped(p.frame(true, 0, PING, payload), 1, 1);
                    p.expectPong(payload);
                    p.closeNormally();
                }),
                named("2.7", "unsolicited empty pong is ignored", p -> {
                    p.send(PONG, new byte[0]);
                    p.closeNormally();
                }),
                named("2.8", "unsolicited pong with payload is ignored", p -> {
                    p.send(PONG, utf8("unsolicited pong payload"));
                    p.closeNormally();
                }),
                named("2.9", "unsolicited pong then ping: only the ping is answered", p -> {
                    p.sendRaw(concat(p.frame(true, 0, PONG, utf8("unsolicited pong payload")),
                            p.frame(true, 0, PING, utf8("ping payload"))));
                    p.expectPong(utf8("ping payload"));
                    p.closeNormally();
                }),
                named("2.10", "10 pings in one write are answered by 10 pongs in order", p -> {
                    byte[][] frames = new byte[10][];
                    for (int i = 0; i < 10; i++) {
                        frames[i] = p.frame(true, 0, PING, utf8("payload-" + i));
                    }
                    p.sendRaw(concat(frames));
                    for (int i = 0; i < 10; i++) {
                        p.expectPong(utf8("payload-" + i));
                    }
                    p.closeNormally();
                }),
                named("2.11", "10 pings with pauses between them are answered by 10 pongs in order", p -> {
                    for (int i = 0; i < 10; i++) {
                        p.send(PING, utf8("payload-" + i));
                        p.settle(10); // each ping in a read of its own
                    }
                    for (int i = 0; i < 10; i++) {
                        p.expectPong(utf8("payload-" + i));
                    }
                    p.closeNormally();
                }),
                named("2.12", "fragmented ping fails the connection with 1002", p -> {
                    p.sendRaw(concat(p.frame(false, 0, PING, utf8("frag")), p.frame(true, 0, CONTINUATION, utf8("ment"))));
                    p.expectFailure(1002);
                }),
                named("2.13", "ping whose 126-byte length uses the 16-bit encoding, header only: 1002 before any payload", p -> {
                    p.sendRaw(p.header(true, 0, PING, 126));
                    p.expectFailure(1002);
                }),
                named("2.14", "ping between two data messages: pong and both echoes", p -> {
                    p.sendRaw(concat(p.frame(true, 0, BINARY, binary(10)), p.frame(true, 0, PING, utf8("mid")),
                            p.frame(true, 0, BINARY, binary(20))));
                    // RFC 6455 5.5.2 asks for the pong "as soon as is practical", so it may overtake the first echo
                    Peer.Frame first = p.readFrame();
                    if (first.opcode() == PONG) {
                        assertArrayEquals(utf8("mid"), first.payload());
                        p.expectEcho(BINARY, binary(10));
                    } else {
                        assertEquals(BINARY, first.opcode(), () -> "expected the first echo, got " + first);
                        assertArrayEquals(binary(10), first.payload(), "first echo");
                        p.expectPong(utf8("mid"));
                    }
                    p.expectEcho(BINARY, binary(20));
                    p.closeNormally();
                }),
                named("2.15", "ping with every byte value pattern is returned intact", p -> {
                    byte[] payload = new byte[125];
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] = (byte) (255 - i * 2);
                    }
                    pingPong(p, payload);
                }),
                named("2.16", "pings between 100 messages of 64 KiB: pongs and echoes each in order, no frame torn by another", p -> {
                    p.setTimeout(60_000);
                    int count = 100;
                    Thread writer = new Thread(() -> {
                        try {
                            for (int i = 0; i < count; i++) {
                                byte[] m = binary(64 * 1024);
                                m[0] = (byte) i;
                                p.sendRaw(concat(p.frame(true, 0, BINARY, m), p.frame(true, 0, PING, utf8("ping-" + i))));
                            }
                        } catch (java.io.IOException e) {
                            // the reader reports what went missing
                        }
                    }, "conformance-peer-writer");
                    writer.start();
                    int echoes = 0;
                    int pongs = 0;
                    try {
                        while (echoes < count || pongs < count) {
                            Peer.Frame f = p.readFrame();
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
                    p.closeNormally();
                }));
    }

    private static void pingPong(Peer p, byte[] payload) throws Exception {
        p.send(PING, payload);
        p.expectPong(payload);
        p.closeNormally();
    }

    /** Test data: binary bytes that are not all alike. */
    public static byte[] binary(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (0xFE - i * 7);
        }
        return b;
    }
}
