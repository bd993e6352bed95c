package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;
import static org.bowline.container.server.conformance.WireClient.CLOSE;
import static org.bowline.container.server.conformance.WireClient.CONTINUATION;
import static org.bowline.container.server.conformance.WireClient.PING;
import static org.bowline.container.server.conformance.WireClient.TEXT;
import static org.bowline.container.server.conformance.WireClient.closePayload;
import static org.bowline.container.server.conformance.WireClient.concat;
import static org.bowline.container.server.conformance.WireClient.frame;
import static org.bowline.container.server.conformance.WireClient.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 7: the closing handshake (RFC 6455 5.5.1, 7.1, 7.4). A valid close is answered
 * with the same code and the server then closes TCP; nothing after the client's close is acted on.
 */
class CloseCasesTest extends ConformanceFamily {

    private static final List<Integer> VALID_CODES = List.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011,
            1012, 1013, 1014, 3000, 3999, 4000, 4999);
    private static final List<Integer> INVALID_CODES = List.of(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999,
            5000, 65535);

    static List<Named<Scenario>> cases() {
        List<Named<Scenario>> cases = new ArrayList<>();
        cases.add(named("7.1.7", "echo a message, wait for it, then close normally", c -> {
            c.sendText("Hello World!");
            c.expectEcho("Hello World!");
            c.closeNormally();
        }));
        cases.add(named("7.1.2", "two closes back to back: one close answered, then TCP closed", c -> {
            byte[] close = frame(true, 0, CLOSE, closePayload(1000, new byte[0]));
            c.sendRaw(concat(close, close));
            c.expectClose(1000);
        }));
        cases.add(named("7.1.3", "ping after close is not answered", c -> {
            c.sendRaw(concat(frame(true, 0, CLOSE, closePayload(1000, new byte[0])), frame(true, 0, PING, utf8("after close"))));
            c.expectClose(1000);
        }));
        cases.add(named("7.1.4", "text after close is not echoed", c -> {
            c.sendRaw(concat(frame(true, 0, CLOSE, closePayload(1000, new byte[0])), frame(true, 0, TEXT, utf8("after close"))));
            c.expectClose(1000);
        }));
        cases.add(named("7.1.5", "fragment, close, final continuation: only the close is answered", c -> {
            c.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, CLOSE, closePayload(1000, new byte[0])),
                    frame(true, 0, CONTINUATION, utf8("fragment2"))));
            c.expectClose(1000);
        }));
        cases.add(named("7.1.6", "close while the server is still idle after a large echo", c -> {
            byte[] big = new byte[256 * 1024];
            Arrays.fill(big, (byte) 'B');
            c.send(TEXT, big);
            c.expectEcho(TEXT, big);
            c.send(CLOSE, closePayload(1000, new byte[0]));
            c.expectClose(1000);
        }));
        cases.add(named("7.3.1", "close without payload is answered by close without payload", c -> {
            c.send(CLOSE, new byte[0]);
            WireClient.Frame f = c.readFrame();
            assertEquals(CLOSE, f.opcode(), () -> "expected a close, got " + f);
            assertArrayEquals(new byte[0], f.payload(), "a close without code is answered without code (RFC 6455 5.5.1)");
            c.expectEof();
        }));
        cases.add(named("7.3.2", "close with a 1-byte payload fails with 1002", c -> {
            c.send(CLOSE, new byte[] {0x03});
            c.expectFailure(1002);
        }));
        cases.add(named("7.3.3", "close 1000 without reason", c -> {
            c.send(CLOSE, closePayload(1000, new byte[0]));
            c.expectClose(1000);
        }));
        cases.add(named("7.3.4", "close 1000 with a reason", c -> {
            c.send(CLOSE, closePayload(1000, utf8("Hello World!")));
            c.expectClose(1000);
        }));
        cases.add(named("7.3.5", "close 1000 with a 123-byte reason", c -> {
            byte[] reason = new byte[123];
            Arrays.fill(reason, (byte) '*');
            c.send(CLOSE, closePayload(1000, reason));
            c.expectClose(1000);
        }));
        cases.add(named("7.3.6", "close with a 124-byte reason (126-byte payload) fails with 1002", c -> {
            byte[] reason = new byte[124];
            Arrays.fill(reason, (byte) '*');
            c.send(CLOSE, closePayload(1000, reason));
            c.expectFailure(1002);
        }));
        cases.add(named("7.5.1", "close reason with invalid UTF-8 fails with 1007", c -> {
            c.send(CLOSE, closePayload(1000, concat(utf8("κόσμε"), HexFormat.of().parseHex("eda080"), utf8("edited"))));
            c.expectFailure(1007);
        }));
        cases.add(named("7.5.2", "close reason truncated inside a multi-byte character fails with 1007", c -> {
            c.send(CLOSE, closePayload(1000, HexFormat.of().parseHex("41ce")));
            c.expectFailure(1007);
        }));
        cases.add(named("7.5.3", "close reason with valid 4-byte UTF-8 is accepted", c -> {
            c.send(CLOSE, closePayload(1000, utf8("bye 😀")));
            c.expectClose(1000);
        }));
        cases.addAll(Scenario.numbered("7.7", VALID_CODES, code -> "close " + code + " is answered with " + code, code -> c -> {
            c.send(CLOSE, closePayload(code, new byte[0]));
            c.expectClose(code);
        }));
        cases.addAll(Scenario.numbered("7.9", INVALID_CODES, code -> "close " + code + " fails with 1002", code -> c -> {
            c.send(CLOSE, closePayload(code, new byte[0]));
            c.expectFailure(1002);
        }));
        cases.add(named("7.13.1", "close written 1 byte at a time", c -> {
            c.sendChopped(frame(true, 0, CLOSE, closePayload(1000, utf8("slowly"))), 1, 1);
            c.expectClose(1000);
        }));
        cases.add(named("7.13.2", "close inside a fragmented message with a pause before it", c -> {
            c.send(false, 0, TEXT, utf8("fragment1"));
            Thread.sleep(30);
            c.send(CLOSE, closePayload(4000, utf8("mid-message")));
            c.expectClose(4000);
        }));
        return cases;
    }

    /** Autobahn sends these back to back in one write: the echo must come before the close reply. */
    static List<Named<Scenario>> casesWithAMessageBeforeTheClose() {
        return List.of(
                named("7.1.1", "message and close in one write: echo, then close 1000", c -> {
                    c.sendRaw(concat(frame(true, 0, TEXT, utf8("Hello World!")),
                            frame(true, 0, CLOSE, closePayload(1000, new byte[0]))));
                    c.expectEcho("Hello World!");
                    c.expectClose(1000);
                }),
                named("7.1.8", "fragmented message and close in one write: echo, then close 1000", c -> {
                    c.sendRaw(concat(frame(false, 0, TEXT, utf8("Hello ")), frame(true, 0, CONTINUATION, utf8("World!")),
                            frame(true, 0, CLOSE, closePayload(1000, new byte[0]))));
                    c.expectEcho("Hello World!");
                    c.expectClose(1000);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithAMessageBeforeTheClose")
    void echoesWhatPrecededTheCloseBeforeReplying(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void closesStrictly(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }
}
