package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;
import static org.bowline.container.server.conformance.WireClient.BINARY;
import static org.bowline.container.server.conformance.WireClient.CLOSE;
import static org.bowline.container.server.conformance.WireClient.PING;
import static org.bowline.container.server.conformance.WireClient.RSV1;
import static org.bowline.container.server.conformance.WireClient.RSV2;
import static org.bowline.container.server.conformance.WireClient.RSV3;
import static org.bowline.container.server.conformance.WireClient.TEXT;
import static org.bowline.container.server.conformance.WireClient.closePayload;
import static org.bowline.container.server.conformance.WireClient.concat;
import static org.bowline.container.server.conformance.WireClient.frame;
import static org.bowline.container.server.conformance.WireClient.utf8;

import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 3: a reserved bit without an extension that defines it must fail the
 * connection with 1002 (RFC 6455 5.2), after everything received before it was handled.
 */
class ReservedBitsCasesTest extends ConformanceFamily {

    static List<Named<Scenario>> cases() {
        return List.of(
                named("3.1", "text with RSV1 (no extension) fails with 1002", c -> {
                    c.send(true, RSV1, TEXT, utf8("Hello, world!"));
                    c.expectFailure(1002);
                }),
                named("3.3", "as 3.2 with RSV1|RSV2, each frame written separately", c -> {
                    c.sendText("Hello, world!");
                    c.expectEcho("Hello, world!");
                    c.send(true, RSV1 | RSV2, TEXT, utf8("Hello, world!"));
                    c.send(PING, utf8("Hello, world!"));
                    c.expectFailure(1002);
                }),
                named("3.5", "binary with RSV1|RSV3 fails with 1002", c -> {
                    c.send(true, RSV1 | RSV3, BINARY, new byte[] {0, 1, 2, (byte) 0xFF});
                    c.expectFailure(1002);
                }),
                named("3.6", "ping with RSV1|RSV3 fails with 1002", c -> {
                    c.send(true, RSV1 | RSV3, PING, utf8("Hello, world!"));
                    c.expectFailure(1002);
                }),
                named("3.7", "close with RSV1|RSV2 fails with 1002", c -> {
                    c.send(true, RSV1 | RSV2, CLOSE, closePayload(1000, new byte[0]));
                    c.expectFailure(1002);
                }),
                named("3.9", "continuation with RSV2 inside a fragmented text fails with 1002", c -> {
                    c.sendRaw(concat(frame(false, 0, TEXT, utf8("frag")), frame(true, RSV2, 0, utf8("ment"))));
                    c.expectFailure(1002);
                }),
                named("3.10", "pong with RSV3 fails with 1002", c -> {
                    c.send(true, RSV3, WireClient.PONG, new byte[0]);
                    c.expectFailure(1002);
                }));
    }

    /** Cases with a valid message in the same write as the bad frame: its echo must come first. */
    static List<Named<Scenario>> casesWithAMessageBeforeTheBadFrame() {
        return List.of(
                named("3.2", "echo, then text with RSV2, then ping: echo, 1002, no pong", c -> {
                    c.sendRaw(concat(frame(true, 0, TEXT, utf8("Hello, world!")), frame(true, RSV2, TEXT, utf8("Hello, world!")),
                            frame(true, 0, PING, utf8("Hello, world!"))));
                    c.expectEcho("Hello, world!");
                    c.expectFailure(1002);
                }),
                named("3.4", "as 3.2 with RSV3, written 1 byte at a time", c -> {
                    c.sendChopped(concat(frame(true, 0, TEXT, utf8("Hello, world!")), frame(true, RSV3, TEXT, utf8("Hello, world!")),
                            frame(true, 0, PING, utf8("Hello, world!"))), 1, 0);
                    c.expectEcho("Hello, world!");
                    c.expectFailure(1002);
                }),
                named("3.8", "binary with all three RSV bits after a valid echo fails with 1002", c -> {
                    c.sendRaw(concat(frame(true, 0, BINARY, new byte[] {9, 8, 7}),
                            frame(true, RSV1 | RSV2 | RSV3, BINARY, new byte[] {1})));
                    c.expectEcho(BINARY, new byte[] {9, 8, 7});
                    c.expectFailure(1002);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithAMessageBeforeTheBadFrame")
    void echoesWhatPrecededTheBadFrameBeforeFailing(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsReservedBits(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }
}
