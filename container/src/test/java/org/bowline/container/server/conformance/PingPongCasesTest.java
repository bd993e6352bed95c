package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;
import static org.bowline.container.server.conformance.WireClient.BINARY;
import static org.bowline.container.server.conformance.WireClient.CONTINUATION;
import static org.bowline.container.server.conformance.WireClient.PING;
import static org.bowline.container.server.conformance.WireClient.PONG;
import static org.bowline.container.server.conformance.WireClient.frame;
import static org.bowline.container.server.conformance.WireClient.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn family 2: ping and pong (RFC 6455 5.5.2, 5.5.3, control frame limits of 5.5). */
class PingPongCasesTest extends ConformanceFamily {

    static List<Named<Scenario>> cases() {
        return List.of(
                named("2.1", "ping without payload is answered by an empty pong", c -> {
                    c.send(PING, new byte[0]);
                    c.expectPong(new byte[0]);
                    c.closeNormally();
                }),
                named("2.2", "ping with a small text payload", c -> pingPong(c, utf8("Hello, world!"))),
                named("2.3", "ping with a small binary payload", c -> pingPong(c, new byte[] {0, (byte) 0xFF, (byte) 0xFE, (byte) 0xFD, (byte) 0xFC, 0})),
                named("2.4", "ping with a 125-byte binary payload", c -> pingPong(c, binary(125))),
                named("2.5", "ping with a 126-byte payload fails the connection with 1002", c -> {
                    c.send(PING, binary(126));
                    c.expectFailure(1002);
                }),
                named("2.6", "ping with a 125-byte payload written 1 byte at a time", c -> {
                    byte[] payload = binary(125);
                    c.sendChopped(frame(true, 0, PING, payload), 1, 1);
                    c.expectPong(payload);
                    c.closeNormally();
                }),
                named("2.7", "unsolicited empty pong is ignored", c -> {
                    c.send(PONG, new byte[0]);
                    c.closeNormally();
                }),
                named("2.8", "unsolicited pong with payload is ignored", c -> {
                    c.send(PONG, utf8("unsolicited pong payload"));
                    c.closeNormally();
                }),
                named("2.9", "unsolicited pong then ping: only the ping is answered", c -> {
                    c.sendRaw(WireClient.concat(frame(true, 0, PONG, utf8("unsolicited pong payload")),
                            frame(true, 0, PING, utf8("ping payload"))));
                    c.expectPong(utf8("ping payload"));
                    c.closeNormally();
                }),
                named("2.10", "10 pings in one write are answered by 10 pongs in order", c -> {
                    byte[][] frames = new byte[10][];
                    for (int i = 0; i < 10; i++) {
                        frames[i] = frame(true, 0, PING, utf8("payload-" + i));
                    }
                    c.sendRaw(WireClient.concat(frames));
                    for (int i = 0; i < 10; i++) {
                        c.expectPong(utf8("payload-" + i));
                    }
                    c.closeNormally();
                }),
                named("2.11", "10 pings with pauses between them are answered by 10 pongs", c -> {
                    for (int i = 0; i < 10; i++) {
                        c.send(PING, utf8("payload-" + i));
                        Thread.sleep(5);
                    }
                    for (int i = 0; i < 10; i++) {
                        c.expectPong(utf8("payload-" + i));
                    }
                    c.closeNormally();
                }),
                named("2.12", "fragmented ping fails the connection with 1002", c -> {
                    c.sendRaw(WireClient.concat(frame(false, 0, PING, utf8("frag")), frame(true, 0, CONTINUATION, utf8("ment"))));
                    c.expectFailure(1002);
                }),
                named("2.13", "binary ping payload with every byte value is returned intact", c -> {
                    byte[] payload = new byte[125];
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] = (byte) (255 - i * 2);
                    }
                    pingPong(c, payload);
                }),
                named("2.14", "ping between two data messages: pong and both echoes", c -> {
                    c.sendRaw(WireClient.concat(frame(true, 0, BINARY, binary(10)), frame(true, 0, PING, utf8("mid")),
                            frame(true, 0, BINARY, binary(20))));
                    // RFC 6455 5.5.2 asks for the pong "as soon as is practical", so it may overtake the first echo
                    WireClient.Frame first = c.readFrame();
                    if (first.opcode() == PONG) {
                        assertArrayEquals(utf8("mid"), first.payload());
                        c.expectEcho(BINARY, binary(10));
                    } else {
                        assertArrayEquals(binary(10), first.payload(), "first echo");
                        assertEquals(BINARY, first.opcode());
                        c.expectPong(utf8("mid"));
                    }
                    c.expectEcho(BINARY, binary(20));
                    c.closeNormally();
                }));
    }

    private static void pingPong(WireClient c, byte[] payload) throws Exception {
        c.send(PING, payload);
        c.expectPong(payload);
        c.closeNormally();
    }

    static byte[] binary(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (0xFE - i);
        }
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersPingsAndIgnoresPongs(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }
}
