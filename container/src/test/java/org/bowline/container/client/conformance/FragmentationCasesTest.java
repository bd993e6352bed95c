package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.BINARY;
import static org.bowline.container.client.conformance.WireServer.CONTINUATION;
import static org.bowline.container.client.conformance.WireServer.PING;
import static org.bowline.container.client.conformance.WireServer.PONG;
import static org.bowline.container.client.conformance.WireServer.TEXT;
import static org.bowline.container.client.conformance.WireServer.concat;
import static org.bowline.container.client.conformance.WireServer.frame;
import static org.bowline.container.client.conformance.WireServer.utf8;

import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 5, client role: fragmented messages are reassembled and echoed whole; control
 * frames may come between fragments and are answered at once (RFC 6455 5.4); a fragmented control
 * frame, a continuation without a message to continue, or a new message inside an unfinished one
 * fails the connection with 1002.
 */
class FragmentationCasesTest extends ClientConformanceFamily {

    static List<Named<Scenario>> cases() {
        return List.of(
                named("5.1", "ping in 2 fragments fails with 1002", s -> {
                    s.sendRaw(concat(frame(false, 0, PING, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    s.expectFailure(1002);
                }),
                named("5.2", "pong in 2 fragments fails with 1002", s -> {
                    s.sendRaw(concat(frame(false, 0, PONG, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    s.expectFailure(1002);
                }),
                named("5.3", "text in 2 fragments", s -> {
                    s.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    s.expectEcho("fragment1fragment2");
                    s.closeNormally();
                }),
                named("5.4", "text in 2 fragments with a pause between them", s -> {
                    s.send(false, 0, TEXT, utf8("fragment1"));
                    Thread.sleep(50);
                    s.send(true, 0, CONTINUATION, utf8("fragment2"));
                    s.expectEcho("fragment1fragment2");
                    s.closeNormally();
                }),
                named("5.5", "text in 2 fragments written 1 byte at a time", s -> {
                    s.sendChopped(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2"))), 1, 1);
                    s.expectEcho("fragment1fragment2");
                    s.closeNormally();
                }),
                named("5.6", "text in 2 fragments with a ping between them: pong first, then the echo", s -> {
                    s.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, PING, utf8("ping payload")),
                            frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    s.expectPong(utf8("ping payload"));
                    s.expectEcho("fragment1fragment2");
                    s.closeNormally();
                }),
                named("5.7", "as 5.6 with pauses between the frames", s -> {
                    s.send(false, 0, TEXT, utf8("fragment1"));
                    Thread.sleep(30);
                    s.send(PING, utf8("ping payload"));
                    s.expectPong(utf8("ping payload"));
                    Thread.sleep(30);
                    s.send(true, 0, CONTINUATION, utf8("fragment2"));
                    s.expectEcho("fragment1fragment2");
                    s.closeNormally();
                }),
                named("5.8", "as 5.6 written 1 byte at a time", s -> {
                    s.sendChopped(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, PING, utf8("ping payload")),
                            frame(true, 0, CONTINUATION, utf8("fragment2"))), 1, 0);
                    s.expectPong(utf8("ping payload"));
                    s.expectEcho("fragment1fragment2");
                    s.closeNormally();
                }),
                named("5.9", "final continuation without a start fails with 1002; the text after it is not echoed", s -> {
                    s.sendRaw(concat(frame(true, 0, CONTINUATION, utf8("non-continuation payload")), frame(true, 0, TEXT, utf8("Hello, world!"))));
                    s.expectFailure(1002);
                }),
                named("5.10", "as 5.9 written 1 byte at a time", s -> {
                    s.sendChopped(concat(frame(true, 0, CONTINUATION, utf8("non-continuation payload")),
                            frame(true, 0, TEXT, utf8("Hello, world!"))), 1, 0);
                    s.expectFailure(1002);
                }),
                named("5.11", "final continuation without a start, on its own", s -> {
                    s.send(true, 0, CONTINUATION, utf8("non-continuation payload"));
                    s.expectFailure(1002);
                }),
                named("5.12", "non-final continuation without a start fails with 1002", s -> {
                    s.sendRaw(concat(frame(false, 0, CONTINUATION, utf8("non-continuation payload")), frame(true, 0, TEXT, utf8("Hello, world!"))));
                    s.expectFailure(1002);
                }),
                named("5.13", "as 5.12 written 1 byte at a time", s -> {
                    s.sendChopped(concat(frame(false, 0, CONTINUATION, utf8("non-continuation payload")),
                            frame(true, 0, TEXT, utf8("Hello, world!"))), 1, 0);
                    s.expectFailure(1002);
                }),
                named("5.14", "non-final continuation without a start, on its own", s -> {
                    s.send(false, 0, CONTINUATION, utf8("non-continuation payload"));
                    s.expectFailure(1002);
                }),
                named("5.15", "complete fragmented text, then continuation and text without start: echo, then 1002", s -> {
                    s.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, CONTINUATION, utf8("fragment2")),
                            frame(false, 0, CONTINUATION, utf8("fragment3")), frame(true, 0, TEXT, utf8("fragment4"))));
                    s.expectEcho("fragment1fragment2");
                    s.expectFailure(1002);
                }),
                named("5.16", "continuation, text, continuation (no start), twice: 1002", s -> {
                    byte[] round = concat(frame(false, 0, CONTINUATION, utf8("fragment1")), frame(false, 0, TEXT, utf8("fragment2")),
                            frame(true, 0, CONTINUATION, utf8("fragment3")));
                    s.sendRaw(concat(round, round));
                    s.expectFailure(1002);
                }),
                named("5.17", "final continuation, text, continuation (no start), twice: 1002", s -> {
                    byte[] round = concat(frame(true, 0, CONTINUATION, utf8("fragment1")), frame(false, 0, TEXT, utf8("fragment2")),
                            frame(true, 0, CONTINUATION, utf8("fragment3")));
                    s.sendRaw(concat(round, round));
                    s.expectFailure(1002);
                }),
                named("5.18", "a second text start inside an unfinished text fails with 1002", s -> {
                    s.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, TEXT, utf8("fragment2"))));
                    s.expectFailure(1002);
                }),
                named("5.19", "5 text fragments with 2 pings between them, with pauses", s -> {
                    s.send(false, 0, TEXT, utf8("fragment1"));
                    s.send(false, 0, CONTINUATION, utf8("fragment2"));
                    s.send(PING, utf8("pongme 1!"));
                    s.expectPong(utf8("pongme 1!"));
                    Thread.sleep(30);
                    s.send(false, 0, CONTINUATION, utf8("fragment3"));
                    Thread.sleep(30);
                    s.send(false, 0, CONTINUATION, utf8("fragment4"));
                    s.send(PING, utf8("pongme 2!"));
                    s.expectPong(utf8("pongme 2!"));
                    Thread.sleep(30);
                    s.send(true, 0, CONTINUATION, utf8("fragment5"));
                    s.expectEcho("fragment1fragment2fragment3fragment4fragment5");
                    s.closeNormally();
                }),
                named("5.20", "as 5.19 in one write", s -> {
                    s.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(false, 0, CONTINUATION, utf8("fragment2")),
                            frame(true, 0, PING, utf8("pongme 1!")), frame(false, 0, CONTINUATION, utf8("fragment3")),
                            frame(false, 0, CONTINUATION, utf8("fragment4")), frame(true, 0, PING, utf8("pongme 2!")),
                            frame(true, 0, CONTINUATION, utf8("fragment5"))));
                    s.expectPong(utf8("pongme 1!"));
                    s.expectPong(utf8("pongme 2!"));
                    s.expectEcho("fragment1fragment2fragment3fragment4fragment5");
                    s.closeNormally();
                }),
                named("5.21", "binary after an unfinished text fails with 1002", s -> {
                    s.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(false, 0, BINARY, new byte[] {1, 2})));
                    s.expectFailure(1002);
                }),
                named("5.22", "text in 1000 fragments of 1 byte", s -> {
                    byte[][] frames = new byte[1000][];
                    byte[] expected = new byte[1000];
                    for (int i = 0; i < 1000; i++) {
                        expected[i] = (byte) ('a' + i % 26);
                        frames[i] = frame(i == 999, 0, i == 0 ? TEXT : CONTINUATION, new byte[] {expected[i]});
                    }
                    s.sendRaw(concat(frames));
                    s.expectEcho(TEXT, expected);
                    s.closeNormally();
                }),
                named("5.23", "binary in 500 fragments of 1 byte with empty fragments between them", s -> {
                    byte[][] frames = new byte[1000][];
                    byte[] expected = new byte[500];
                    for (int i = 0; i < 500; i++) {
                        expected[i] = (byte) i;
                        frames[2 * i] = frame(false, 0, i == 0 ? BINARY : CONTINUATION, new byte[] {(byte) i});
                        frames[2 * i + 1] = frame(i == 499, 0, CONTINUATION, new byte[0]);
                    }
                    s.sendRaw(concat(frames));
                    s.expectEcho(BINARY, expected);
                    s.closeNormally();
                }),
                named("5.24", "64 KiB binary in 4096 fragments of 16 bytes", s -> {
                    byte[] data = binary(64 * 1024);
                    byte[][] frames = new byte[4096][];
                    for (int i = 0; i < 4096; i++) {
                        frames[i] = frame(i == 4095, 0, i == 0 ? BINARY : CONTINUATION, java.util.Arrays.copyOfRange(data, i * 16, i * 16 + 16));
                    }
                    s.sendRaw(concat(frames));
                    s.expectEcho(BINARY, data);
                    s.closeNormally();
                }),
                named("5.27", "64 KiB of multi-byte text in 16-byte frames, characters split across frames", s -> {
                    byte[] text = utf8("aκ😀€".repeat(64 * 1024 / 10));
                    int count = (text.length + 15) / 16;
                    byte[][] frames = new byte[count][];
                    for (int i = 0; i < count; i++) {
                        frames[i] = frame(i == count - 1, 0, i == 0 ? TEXT : CONTINUATION,
                                java.util.Arrays.copyOfRange(text, i * 16, Math.min(text.length, i * 16 + 16)));
                    }
                    s.sendRaw(concat(frames));
                    s.expectEcho(TEXT, text);
                    s.closeNormally();
                }),
                named("5.25", "fragmented binary with an unsolicited pong and a ping between fragments", s -> {
                    s.sendRaw(concat(frame(false, 0, BINARY, new byte[] {1}), frame(true, 0, PONG, utf8("unsolicited")),
                            frame(false, 0, CONTINUATION, new byte[] {2}), frame(true, 0, PING, utf8("p")),
                            frame(true, 0, CONTINUATION, new byte[] {3})));
                    s.expectPong(utf8("p"));
                    s.expectEcho(BINARY, new byte[] {1, 2, 3});
                    s.closeNormally();
                }),
                named("5.26", "text with 20 fragments written with pauses between them", s -> {
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < 20; i++) {
                        String part = "part" + i + ";";
                        all.append(part);
                        s.send(i == 19, 0, i == 0 ? TEXT : CONTINUATION, utf8(part));
                        Thread.sleep(5);
                    }
                    s.expectEcho(all.toString());
                    s.closeNormally();
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reassemblesFragmentsAndFailsBadSequences(Scenario scenario) throws Exception {
        runCase(scenario);
    }
}
