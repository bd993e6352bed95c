package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;
import static org.bowline.container.server.conformance.WireClient.BINARY;
import static org.bowline.container.server.conformance.WireClient.CONTINUATION;
import static org.bowline.container.server.conformance.WireClient.PING;
import static org.bowline.container.server.conformance.WireClient.PONG;
import static org.bowline.container.server.conformance.WireClient.TEXT;
import static org.bowline.container.server.conformance.WireClient.concat;
import static org.bowline.container.server.conformance.WireClient.frame;
import static org.bowline.container.server.conformance.WireClient.utf8;

import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn family 5: fragmentation (RFC 6455 5.4) and control frames between fragments. */
class FragmentationCasesTest extends ConformanceFamily {

    static List<Named<Scenario>> cases() {
        return List.of(
                named("5.1", "ping in 2 fragments fails with 1002", c -> {
                    c.sendRaw(concat(frame(false, 0, PING, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    c.expectFailure(1002);
                }),
                named("5.2", "pong in 2 fragments fails with 1002", c -> {
                    c.sendRaw(concat(frame(false, 0, PONG, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    c.expectFailure(1002);
                }),
                named("5.3", "fragmented text, 2 fragments", c -> {
                    c.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    c.expectEcho("fragment1fragment2");
                    c.closeNormally();
                }),
                named("5.4", "fragmented text, 2 fragments with a pause between them", c -> {
                    c.send(false, 0, TEXT, utf8("fragment1"));
                    Thread.sleep(50);
                    c.send(true, 0, CONTINUATION, utf8("fragment2"));
                    c.expectEcho("fragment1fragment2");
                    c.closeNormally();
                }),
                named("5.5", "fragmented text, 2 fragments written 1 byte at a time", c -> {
                    c.sendChopped(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2"))), 1, 1);
                    c.expectEcho("fragment1fragment2");
                    c.closeNormally();
                }),
                named("5.6", "fragmented text with a ping between the fragments", c -> {
                    c.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, PING, utf8("ping payload")),
                            frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    c.expectPong(utf8("ping payload"));
                    c.expectEcho("fragment1fragment2");
                    c.closeNormally();
                }),
                named("5.7", "as 5.6 with pauses between the frames", c -> {
                    c.send(false, 0, TEXT, utf8("fragment1"));
                    Thread.sleep(30);
                    c.send(PING, utf8("ping payload"));
                    Thread.sleep(30);
                    c.send(true, 0, CONTINUATION, utf8("fragment2"));
                    c.expectPong(utf8("ping payload"));
                    c.expectEcho("fragment1fragment2");
                    c.closeNormally();
                }),
                named("5.8", "as 5.6 written 1 byte at a time", c -> {
                    c.sendChopped(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, PING, utf8("ping payload")),
                            frame(true, 0, CONTINUATION, utf8("fragment2"))), 1, 0);
                    c.expectPong(utf8("ping payload"));
                    c.expectEcho("fragment1fragment2");
                    c.closeNormally();
                }),
                named("5.9", "final continuation without a start fails with 1002; the text after it is not echoed", c -> {
                    c.sendRaw(concat(frame(true, 0, CONTINUATION, utf8("non-continuation payload")),
                            frame(true, 0, TEXT, utf8("Hello, world!"))));
                    c.expectFailure(1002);
                }),
                named("5.10", "as 5.9 written 1 byte at a time", c -> {
                    c.sendChopped(concat(frame(true, 0, CONTINUATION, utf8("non-continuation payload")),
                            frame(true, 0, TEXT, utf8("Hello, world!"))), 1, 0);
                    c.expectFailure(1002);
                }),
                named("5.11", "as 5.9 with a pause between the frames", c -> {
                    c.send(true, 0, CONTINUATION, utf8("non-continuation payload"));
                    c.expectFailure(1002);
                }),
                named("5.12", "non-final continuation without a start fails with 1002", c -> {
                    c.sendRaw(concat(frame(false, 0, CONTINUATION, utf8("non-continuation payload")),
                            frame(true, 0, TEXT, utf8("Hello, world!"))));
                    c.expectFailure(1002);
                }),
                named("5.13", "as 5.12 written 1 byte at a time", c -> {
                    c.sendChopped(concat(frame(false, 0, CONTINUATION, utf8("non-continuation payload")),
                            frame(true, 0, TEXT, utf8("Hello, world!"))), 1, 0);
                    c.expectFailure(1002);
                }),
                named("5.14", "as 5.12 on its own", c -> {
                    c.send(false, 0, CONTINUATION, utf8("non-continuation payload"));
                    c.expectFailure(1002);
                }),
                named("5.16", "continuation, text, continuation (no start) twice: 1002", c -> {
                    byte[] round = concat(frame(false, 0, CONTINUATION, utf8("fragment1")), frame(false, 0, TEXT, utf8("fragment2")),
                            frame(true, 0, CONTINUATION, utf8("fragment3")));
                    c.sendRaw(concat(round, round));
                    c.expectFailure(1002);
                }),
                named("5.17", "final continuation, text, continuation (no start) twice: 1002", c -> {
                    byte[] round = concat(frame(true, 0, CONTINUATION, utf8("fragment1")), frame(false, 0, TEXT, utf8("fragment2")),
                            frame(true, 0, CONTINUATION, utf8("fragment3")));
                    c.sendRaw(concat(round, round));
                    c.expectFailure(1002);
                }),
                named("5.18", "text after a fragmented start without fin fails with 1002", c -> {
                    c.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, TEXT, utf8("fragment2"))));
                    c.expectFailure(1002);
                }),
                named("5.19", "binary after a fragmented text start fails with 1002", c -> {
                    c.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(false, 0, BINARY, new byte[] {1, 2})));
                    c.expectFailure(1002);
                }),
                named("5.20", "5 text fragments with 2 pings between them, paused", c -> {
                    c.send(false, 0, TEXT, utf8("fragment1"));
                    c.send(false, 0, CONTINUATION, utf8("fragment2"));
                    c.send(PING, utf8("pongme 1!"));
                    c.expectPong(utf8("pongme 1!"));
                    Thread.sleep(30);
                    c.send(false, 0, CONTINUATION, utf8("fragment3"));
                    Thread.sleep(30);
                    c.send(false, 0, CONTINUATION, utf8("fragment4"));
                    c.send(PING, utf8("pongme 2!"));
                    c.expectPong(utf8("pongme 2!"));
                    Thread.sleep(30);
                    c.send(true, 0, CONTINUATION, utf8("fragment5"));
                    c.expectEcho("fragment1fragment2fragment3fragment4fragment5");
                    c.closeNormally();
                }),
                named("5.21", "text in 1000 fragments of 1 byte", c -> {
                    manyFragments(c, TEXT, 1000, 1);
                }),
                named("5.22", "binary in 500 fragments of 1 byte, including empty fragments", c -> {
                    byte[][] frames = new byte[1000][];
                    byte[] expected = new byte[500];
                    for (int i = 0; i < 500; i++) {
                        expected[i] = (byte) i;
                        frames[2 * i] = frame(false, 0, i == 0 ? BINARY : CONTINUATION, new byte[] {(byte) i});
                        frames[2 * i + 1] = frame(i == 499, 0, CONTINUATION, new byte[0]);
                    }
                    c.sendRaw(concat(frames));
                    c.expectEcho(BINARY, expected);
                    c.closeNormally();
                }),
                named("5.23", "fragmented text with 5 ms pauses between 20 fragments", c -> {
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < 20; i++) {
                        String part = "part" + i + ";";
                        all.append(part);
                        c.send(i == 19, 0, i == 0 ? TEXT : CONTINUATION, utf8(part));
                        Thread.sleep(5);
                    }
                    c.expectEcho(all.toString());
                    c.closeNormally();
                }),
                named("5.24", "fragmented binary with ping and unsolicited pong between fragments", c -> {
                    c.sendRaw(concat(frame(false, 0, BINARY, new byte[] {1}), frame(true, 0, PONG, utf8("unsolicited")),
                            frame(false, 0, CONTINUATION, new byte[] {2}), frame(true, 0, PING, utf8("p")),
                            frame(true, 0, CONTINUATION, new byte[] {3})));
                    c.expectPong(utf8("p"));
                    c.expectEcho(BINARY, new byte[] {1, 2, 3});
                    c.closeNormally();
                }));
    }

    /** A complete fragmented message in the same write as the bad frames: its echo must come first. */
    static List<Named<Scenario>> casesWithAMessageBeforeTheBadFrame() {
        return List.of(
                named("5.15", "complete fragmented text, then continuation and text without start: echo, then 1002", c -> {
                    c.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2")),
                            frame(false, 0, CONTINUATION, utf8("fragment3")), frame(true, 0, TEXT, utf8("fragment4"))));
                    c.expectEcho("fragment1fragment2");
                    c.expectFailure(1002);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithAMessageBeforeTheBadFrame")
    void echoesWhatPrecededTheBadFrameBeforeFailing(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }

    private static void manyFragments(WireClient c, int opcode, int count, int size) throws Exception {
        byte[][] frames = new byte[count][];
        byte[] expected = new byte[count * size];
        for (int i = 0; i < count; i++) {
            byte[] part = new byte[size];
            for (int j = 0; j < size; j++) {
                part[j] = (byte) ('a' + (i + j) % 26);
            }
            System.arraycopy(part, 0, expected, i * size, size);
            frames[i] = frame(i == count - 1, 0, i == 0 ? opcode : CONTINUATION, part);
        }
        c.sendRaw(concat(frames));
        c.expectEcho(opcode, expected);
        c.closeNormally();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reassemblesFragmentsAndRejectsBadSequences(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }
}
