package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.BINARY;
import static org.bowline.container.client.conformance.WireServer.CLOSE;
import static org.bowline.container.client.conformance.WireServer.PING;
import static org.bowline.container.client.conformance.WireServer.PONG;
import static org.bowline.container.client.conformance.WireServer.RSV1;
import static org.bowline.container.client.conformance.WireServer.RSV2;
import static org.bowline.container.client.conformance.WireServer.RSV3;
import static org.bowline.container.client.conformance.WireServer.TEXT;
import static org.bowline.container.client.conformance.WireServer.closePayload;
import static org.bowline.container.client.conformance.WireServer.concat;
import static org.bowline.container.client.conformance.WireServer.frame;
import static org.bowline.container.client.conformance.WireServer.utf8;

import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 3, client role: a reserved bit that no negotiated extension defines fails the
 * connection with 1002 (RFC 6455 5.2); echoes of messages that came before the bad frame still go
 * out first, and nothing after it (here: a ping) is answered.
 */
class ReservedBitsCasesTest extends ClientConformanceFamily {

    static List<Named<Scenario>> cases() {
        return List.of(
                named("3.1", "text with RSV1 (no extension) fails with 1002", s -> {
                    s.send(true, RSV1, TEXT, utf8("Hello, world!"));
                    s.expectFailure(1002);
                }),
                named("3.2", "echo, then text with RSV2, then ping, in one write: echo, 1002, no pong", s -> {
                    s.sendRaw(concat(frame(true, 0, TEXT, utf8("Hello, world!")), frame(true, RSV2, TEXT, utf8("Hello, world!")),
                            frame(true, 0, PING, utf8("Hello, world!"))));
                    s.expectEcho("Hello, world!");
                    s.expectFailure(1002);
                }),
                named("3.3", "as 3.2 with RSV1|RSV2, each frame written after the echo arrived", s -> {
                    s.sendText("Hello, world!");
                    s.expectEcho("Hello, world!");
                    s.send(true, RSV1 | RSV2, TEXT, utf8("Hello, world!"));
                    s.send(PING, utf8("Hello, world!"));
                    s.expectFailure(1002);
                }),
                named("3.4", "as 3.2 with RSV3, written 1 byte at a time", s -> {
                    s.sendChopped(concat(frame(true, 0, TEXT, utf8("Hello, world!")), frame(true, RSV3, TEXT, utf8("Hello, world!")),
                            frame(true, 0, PING, utf8("Hello, world!"))), 1, 0);
                    s.expectEcho("Hello, world!");
                    s.expectFailure(1002);
                }),
                named("3.5", "binary with RSV1|RSV3 fails with 1002", s -> {
                    s.send(true, RSV1 | RSV3, BINARY, new byte[] {0, 1, 2, (byte) 0xFF});
                    s.expectFailure(1002);
                }),
                named("3.6", "ping with RSV1|RSV2 fails with 1002, unanswered", s -> {
                    s.send(true, RSV1 | RSV2, PING, utf8("Hello, world!"));
                    s.expectFailure(1002);
                }),
                named("3.7", "close with all RSV bits fails with 1002", s -> {
                    s.send(true, RSV1 | RSV2 | RSV3, CLOSE, closePayload(1000, new byte[0]));
                    s.expectFailure(1002);
                }),
                named("3.8", "binary echo, then binary with all RSV bits, in one write: echo, then 1002", s -> {
                    s.sendRaw(concat(frame(true, 0, BINARY, new byte[] {9, 8, 7}), frame(true, RSV1 | RSV2 | RSV3, BINARY, new byte[] {1})));
                    s.expectEcho(BINARY, new byte[] {9, 8, 7});
                    s.expectFailure(1002);
                }),
                named("3.9", "continuation with RSV2 inside a fragmented text fails with 1002", s -> {
                    s.sendRaw(concat(frame(false, 0, TEXT, utf8("frag")), frame(true, RSV2, 0, utf8("ment"))));
                    s.expectFailure(1002);
                }),
                named("3.10", "pong with RSV3 fails with 1002", s -> {
                    s.send(true, RSV3, PONG, new byte[0]);
                    s.expectFailure(1002);
                }),
                named("3.11", "RSV1 text header alone fails with 1002 before its payload arrives", s -> {
                    s.sendRaw(WireServer.header(true, RSV1, TEXT, 1000));
                    s.expectFailure(1002);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsReservedBitsWith1002(Scenario scenario) throws Exception {
        runCase(scenario);
    }
}
