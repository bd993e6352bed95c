package org.bowline.container.conformance;

import static org.bowline.container.conformance.Case.named;
import static org.bowline.container.conformance.Peer.BINARY;
import static org.bowline.container.conformance.Peer.CONTINUATION;
import static org.bowline.container.conformance.Peer.PING;
import static org.bowline.container.conformance.Peer.PONG;
import static org.bowline.container.conformance.Peer.TEXT;
import static org.bowline.container.conformance.Peer.concat;
import static org.bowline.container.conformance.Peer.utf8;

import java.util.List;

import org.junit.jupiter.api.Named;

/**
 * Autobahn family 5, both roles: fragmented messages are reassembled whatever the chunking, with
 * control frames between fragments answered at once; a control frame that is fragmented, a
 * continuation without a start, or a new data frame inside an unfinished message fails with 1002.
 */
public final class FragmentationCases {

    private FragmentationCases() {
    }

    public static List<Named<Case>> cases() {
        return List.of(
                named("5.1", "ping in 2 fragments fails with 1002", p -> {
                    p.sendRaw(concat(p.frame(false, 0, PING, utf8("fragment1")), p.frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    p.expectFailure(1002);
                }),
                named("5.2", "pong in 2 fragments fails with 1002", p -> {
                    p.sendRaw(concat(p.frame(false, 0, PONG, utf8("fragment1")), p.frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    p.expectFailure(1002);
                }),
                named("5.3", "text in 2 fragments", p -> {
                    p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("fragment1")), p.frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    p.expectEcho("fragment1fragment2");
                    p.closeNormally();
                }),
                named("5.4", "text in 2 fragments with a pause between them", p -> {
                    p.send(false, 0, TEXT, utf8("fragment1"));
                    p.settle(50);
                    p.send(true, 0, CONTINUATION, utf8("fragment2"));
                    p.expectEcho("fragment1fragment2");
                    p.closeNormally();
                }),
                named("5.5", "text in 2 fragments written 1 byte at a time", p -> {
                    p.sendChopped(concat(p.frame(false, 0, TEXT, utf8("fragment1")), p.frame(true, 0, CONTINUATION, utf8("fragment2"))), 1, 1);
                    p.expectEcho("fragment1fragment2");
                    p.closeNormally();
                }),
                named("5.6", "text in 2 fragments with a ping between them: pong first, then the echo", p -> {
                    p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("fragment1")), p.frame(true, 0, PING, utf8("ping payload")),
                            p.frame(true, 0, CONTINUATION, utf8("fragment2"))));
                    p.expectPong(utf8("ping payload"));
                    p.expectEcho("fragment1fragment2");
                    p.closeNormally();
                }),
                named("5.7", "as 5.6 with pauses between the frames", p -> {
                    p.send(false, 0, TEXT, utf8("fragment1"));
                    p.settle(30);
                    p.send(PING, utf8("ping payload"));
                    p.expectPong(utf8("ping payload"));
                    p.settle(30);
                    p.send(true, 0, CONTINUATION, utf8("fragment2"));
                    p.expectEcho("fragment1fragment2");
                    p.closeNormally();
                }),
                named("5.7.2", "as 5.6 with pauses between the frames, the pong awaited after the last one", p -> {
                    p.send(false, 0, TEXT, utf8("fragment1"));
                    p.settle(30);
                    p.send(PING, utf8("ping payload"));
                    p.settle(30);
                    p.send(true, 0, CONTINUATION, utf8("fragment2"));
                    p.expectPong(utf8("ping payload"));
                    p.expectEcho("fragment1fragment2");
                    p.closeNormally();
                }),
                named("5.8", "as 5.6 written 1 byte at a time", p -> {
                    p.sendChopped(concat(p.frame(false, 0, TEXT, utf8("fragment1")), p.frame(true, 0, PING, utf8("ping payload")),
                            p.frame(true, 0, CONTINUATION, utf8("fragment2"))), 1, 0);
                    p.expectPong(utf8("ping payload"));
                    p.expectEcho("fragment1fragment2");
                    p.closeNormally();
                }),
                named("5.9", "final continuation without a start fails with 1002; the text after it is not echoed", p -> {
                    p.sendRaw(concat(p.frame(true, 0, CONTINUATION, utf8("non-continuation payload")), p.frame(true, 0, TEXT, utf8("Hello, world!"))));
                    p.expectFailure(1002);
                }),
                named("5.10", "as 5.9 written 1 byte at a time", p -> {
                    p.sendChopped(concat(p.frame(true, 0, CONTINUATION, utf8("non-continuation payload")),
                            p.frame(true, 0, TEXT, utf8("Hello, world!"))), 1, 0);
                    p.expectFailure(1002);
                }),
                named("5.11", "final continuation without a start, on its own", p -> {
                    p.send(true, 0, CONTINUATION, utf8("non-continuation payload"));
                    p.expectFailure(1002);
                }),
                named("5.12", "non-final continuation without a start fails with 1002", p -> {
                    p.sendRaw(concat(p.frame(false, 0, CONTINUATION, utf8("non-continuation payload")), p.frame(true, 0, TEXT, utf8("Hello, world!"))));
                    p.expectFailure(1002);
                }),
                named("5.13", "as 5.12 written 1 byte at a time", p -> {
                    p.sendChopped(concat(p.frame(false, 0, CONTINUATION, utf8("non-continuation payload")),
                            p.frame(true, 0, TEXT, utf8("Hello, world!"))), 1, 0);
                    p.expectFailure(1002);
                }),
                named("5.14", "non-final continuation without a start, on its own", p -> {
                    p.send(false, 0, CONTINUATION, utf8("non-continuation payload"));
                    p.expectFailure(1002);
                }),
                named("5.15", "complete fragmented text, then continuation and text without start: echo, then 1002", p -> {
                    p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("fragment1")), p.frame(true, 0, CONTINUATION, utf8("fragment2")),
                            p.frame(false, 0, CONTINUATION, utf8("fragment3")), p.frame(true, 0, TEXT, utf8("fragment4"))));
                    p.expectEcho("fragment1fragment2");
                    p.expectFailure(1002);
                }),
                named("5.16", "continuation, text, continuation (no start), twice: 1002", p -> {
                    byte[] round = concat(p.frame(false, 0, CONTINUATION, utf8("fragment1")), p.frame(false, 0, TEXT, utf8("fragment2")),
                            p.frame(true, 0, CONTINUATION, utf8("fragment3")));
                    p.sendRaw(concat(round, round));
                    p.expectFailure(1002);
                }),
                named("5.17", "final continuation, text, continuation (no start), twice: 1002", p -> {
                    byte[] round = concat(p.frame(true, 0, CONTINUATION, utf8("fragment1")), p.frame(false, 0, TEXT, utf8("fragment2")),
                            p.frame(true, 0, CONTINUATION, utf8("fragment3")));
                    p.sendRaw(concat(round, round));
                    p.expectFailure(1002);
                }),
                named("5.18", "a second text start inside an unfinished text fails with 1002", p -> {
                    p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("fragment1")), p.frame(true, 0, TEXT, utf8("fragment2"))));
                    p.expectFailure(1002);
                }),
                named("5.19", "5 text fragments with 2 pings between them, with pauses", p -> {
                    p.send(false, 0, TEXT, utf8("fragment1"));
                    p.send(false, 0, CONTINUATION, utf8("fragment2"));
                    p.send(PING, utf8("pongme 1!"));
                    p.expectPong(utf8("pongme 1!"));
                    p.settle(30);
                    p.send(false, 0, CONTINUATION, utf8("fragment3"));
                    p.settle(30);
                    p.send(false, 0, CONTINUATION, utf8("fragment4"));
                    p.send(PING, utf8("pongme 2!"));
                    p.expectPong(utf8("pongme 2!"));
                    p.settle(30);
                    p.send(true, 0, CONTINUATION, utf8("fragment5"));
                    p.expectEcho("fragment1fragment2fragment3fragment4fragment5");
                    p.closeNormally();
                }),
                named("5.20", "as 5.19 in one write", p -> {
                    p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("fragment1")), p.frame(false, 0, CONTINUATION, utf8("fragment2")),
                            p.frame(true, 0, PING, utf8("pongme 1!")), p.frame(false, 0, CONTINUATION, utf8("fragment3")),
                            p.frame(false, 0, CONTINUATION, utf8("fragment4")), p.frame(true, 0, PING, utf8("pongme 2!")),
                            p.frame(true, 0, CONTINUATION, utf8("fragment5"))));
                    p.expectPong(utf8("pongme 1!"));
                    p.expectPong(utf8("pongme 2!"));
                    p.expectEcho("fragment1fragment2fragment3fragment4fragment5");
                    p.closeNormally();
                }),
                named("5.21", "binary after an unfinished text fails with 1002", p -> {
                    p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("fragment1")), p.frame(false, 0, BINARY, new byte[] {1, 2})));
                    p.expectFailure(1002);
                }),
                named("5.22", "text in 1000 fragments of 1 byte", p -> {
                    byte[][] frames = new byte[1000][];
                    byte[] expected = new byte[1000];
                    for (int i = 0; i < 1000; i++) {
                        expected[i] = (byte) ('a' + i % 26);
                        frames[i] = p.frame(i == 999, 0, i == 0 ? TEXT : CONTINUATION, new byte[] {expected[i]});
                    }
                    p.sendRaw(concat(frames));
                    p.expectEcho(TEXT, expected);
                    p.closeNormally();
                }),
                named("5.23", "binary in 500 fragments of 1 byte with empty fragments between them", p -> {
                    byte[][] frames = new byte[1000][];
                    byte[] expected = new byte[500];
                    for (int i = 0; i < 500; i++) {
                        expected[i] = (byte) i;
                        frames[2 * i] = p.frame(false, 0, i == 0 ? BINARY : CONTINUATION, new byte[] {(byte) i});
                        frames[2 * i + 1] = p.frame(i == 499, 0, CONTINUATION, new byte[0]);
                    }
                    p.sendRaw(concat(frames));
                    p.expectEcho(BINARY, expected);
                    p.closeNormally();
                }),
                named("5.24", "64 KiB binary in 4096 fragments of 16 bytes", p -> {
                    byte[] data = PingPongCases.binary(64 * 1024);
                    byte[][] frames = new byte[4096][];
                    for (int i = 0; i < 4096; i++) {
                        frames[i] = p.frame(i == 4095, 0, i == 0 ? BINARY : CONTINUATION, java.util.Arrays.copyOfRange(data, i * 16, i * 16 + 16));
                    }
                    p.sendRaw(concat(frames));
                    p.expectEcho(BINARY, data);
                    p.closeNormally();
                }),
                named("5.27", "64 KiB of multi-byte text in 16-byte frames, characters split across frames", p -> {
                    byte[] text = utf8("aκ😀€".repeat(64 * 1024 / 10));
                    int count = (text.length + 15) / 16;
                    byte[][] frames = new byte[count][];
                    for (int i = 0; i < count; i++) {
                        frames[i] = p.frame(i == count - 1, 0, i == 0 ? TEXT : CONTINUATION,
                                java.util.Arrays.copyOfRange(text, i * 16, Math.min(text.length, i * 16 + 16)));
                    }
                    p.sendRaw(concat(frames));
                    p.expectEcho(TEXT, text);
                    p.closeNormally();
                }),
                named("5.25", "fragmented binary with an unsolicited pong and a ping between fragments", p -> {
                    p.sendRaw(concat(p.frame(false, 0, BINARY, new byte[] {1}), p.frame(true, 0, PONG, utf8("unsolicited")),
                            p.frame(false, 0, CONTINUATION, new byte[] {2}), p.frame(true, 0, PING, utf8("p")),
                            p.frame(true, 0, CONTINUATION, new byte[] {3})));
                    p.expectPong(utf8("p"));
                    p.expectEcho(BINARY, new byte[] {1, 2, 3});
                    p.closeNormally();
                }),
                named("5.26", "text with 20 fragments written with pauses between them", p -> {
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < 20; i++) {
                        String part = "part" + i + ";";
                        all.append(part);
                        p.send(i == 19, 0, i == 0 ? TEXT : CONTINUATION, utf8(part));
                        p.settle(5);
                    }
                    p.expectEcho(all.toString());
                    p.closeNormally();
                }));
    }

}
