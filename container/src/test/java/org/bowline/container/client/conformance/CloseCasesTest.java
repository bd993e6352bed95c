package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.CLOSE;
import static org.bowline.container.client.conformance.WireServer.CONTINUATION;
import static org.bowline.container.client.conformance.WireServer.PING;
import static org.bowline.container.client.conformance.WireServer.TEXT;
import static org.bowline.container.client.conformance.WireServer.closePayload;
import static org.bowline.container.client.conformance.WireServer.concat;
import static org.bowline.container.client.conformance.WireServer.frame;
import static org.bowline.container.client.conformance.WireServer.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import jakarta.websocket.ClientEndpointConfig;

import org.bowline.container.client.BowlineClientContainer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 7, client role: the closing handshake (RFC 6455 5.5.1, 7.1, 7.4). A valid close
 * from the server is answered with the same code, after the echoes of what came before it, and
 * nothing after it is acted on; a bad close payload fails the connection (1002, or 1007 for a reason
 * that is not UTF-8). The server closes TCP first and the client then closes its end; a server that
 * never does is left after the client's close timeout, and one that vanishes is reported as 1006.
 */
class CloseCasesTest extends ClientConformanceFamily {

    /** Valid on the wire: RFC 6455 7.4.1 and the IANA registry (1012-1014), and the application ranges. */
    private static final List<Integer> VALID_CODES = List.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011,
            1012, 1013, 1014, 3000, 3999, 4000, 4999);
    private static final List<Integer> INVALID_CODES = List.of(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999,
            5000, 65535);
    /** Long enough that a descheduled test thread cannot mistake the timeout for an early close. */
    private static final int CLOSE_TIMEOUT_MILLIS = 3000;

    static List<Named<Scenario>> cases() {
        List<Named<Scenario>> cases = new ArrayList<>();
        cases.add(named("7.1.1", "text and close in one write: echo, then close reply 1000", s -> {
            s.sendRaw(concat(frame(true, 0, TEXT, utf8("Hello World!")), frame(true, 0, CLOSE, closePayload(1000, new byte[0]))));
            s.expectEcho("Hello World!");
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.1.2", "two closes back to back: one close reply, nothing more", s -> {
            byte[] close = frame(true, 0, CLOSE, closePayload(1000, new byte[0]));
            s.sendRaw(concat(close, close));
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.1.3", "ping after close is not answered", s -> {
            s.sendRaw(concat(frame(true, 0, CLOSE, closePayload(1000, new byte[0])), frame(true, 0, PING, utf8("after close"))));
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.1.4", "text after close is not echoed", s -> {
            s.sendRaw(concat(frame(true, 0, CLOSE, closePayload(1000, new byte[0])), frame(true, 0, TEXT, utf8("after close"))));
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.1.5", "fragment, close, final continuation: only the close is answered", s -> {
            s.sendRaw(concat(frame(false, 0, TEXT, utf8("fragment1")), frame(true, 0, CLOSE, closePayload(1000, new byte[0])),
                    frame(true, 0, CONTINUATION, utf8("fragment2"))));
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.1.6", "a 256 KiB echo, then a close", s -> {
            byte[] big = new byte[256 * 1024];
            Arrays.fill(big, (byte) 'B');
            s.send(TEXT, big);
            s.expectEcho(TEXT, big);
            s.closeNormally();
        }));
        cases.add(named("7.1.7", "fragmented text and close in one write: echo, then close reply", s -> {
            s.sendRaw(concat(frame(false, 0, TEXT, utf8("Hello ")), frame(true, 0, CONTINUATION, utf8("World!")),
                    frame(true, 0, CLOSE, closePayload(1000, new byte[0]))));
            s.expectEcho("Hello World!");
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.1.8", "close, then more bytes in a later write: ignored", s -> {
            s.send(CLOSE, closePayload(1000, new byte[0]));
            s.expectCloseReply(1000);
            try {
                s.sendRaw(concat(frame(true, 0, TEXT, utf8("late")), frame(true, 0, PING, utf8("late"))));
            } catch (java.io.IOException clientAlreadyClosing) {
                // the client may have closed its reading side; either way nothing may come back
            }
            s.finish();
        }));
        cases.add(named("7.1.9", "1 MiB binary and close in one write: the whole echo, then the close reply", s -> {
            s.setTimeout(60_000);
            byte[] big = binary(MIB);
            s.sendRaw(concat(frame(true, 0, WireServer.BINARY, big), frame(true, 0, CLOSE, closePayload(1000, new byte[0]))));
            s.expectEcho(WireServer.BINARY, big);
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.3.1", "close without payload is answered by a close without payload", s -> {
            s.send(CLOSE, new byte[0]);
            WireServer.Frame f = s.readFrame();
            assertEquals(CLOSE, f.opcode(), () -> "expected a close reply, got " + f);
            assertArrayEquals(new byte[0], f.payload(), "a close without a code is answered without one (RFC 6455 5.5.1)");
            s.expectClientCloseCode(1005);
            s.finish();
        }));
        cases.add(named("7.3.2", "close with a 1-byte payload fails with 1002", s -> {
            s.send(CLOSE, new byte[] {0x03});
            s.expectFailure(1002);
        }));
        cases.add(named("7.3.3", "close 1000 without reason", s -> s.closeNormally(1000)));
        cases.add(named("7.3.4", "close 1000 with a reason", s -> {
            s.send(CLOSE, closePayload(1000, utf8("Hello World!")));
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.3.5", "close 1000 with a 123-byte reason (125-byte payload)", s -> {
            byte[] reason = new byte[123];
            Arrays.fill(reason, (byte) '*');
            s.send(CLOSE, closePayload(1000, reason));
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.3.6", "close with a 124-byte reason (126-byte payload) fails with 1002", s -> {
            byte[] reason = new byte[124];
            Arrays.fill(reason, (byte) '*');
            s.send(CLOSE, closePayload(1000, reason));
            s.expectFailure(1002);
        }));
        cases.add(named("7.5.1", "close reason with invalid UTF-8 fails with 1007", s -> {
            s.send(CLOSE, closePayload(1000, concat(utf8("κόσμε"), HexFormat.of().parseHex("eda080"), utf8("edited"))));
            s.expectFailure(1007);
        }));
        cases.add(named("7.5.2", "close reason truncated inside a multi-byte character fails with 1007", s -> {
            s.send(CLOSE, closePayload(1000, HexFormat.of().parseHex("41ce")));
            s.expectFailure(1007);
        }));
        cases.add(named("7.5.3", "close reason with valid 4-byte UTF-8 is accepted", s -> {
            s.send(CLOSE, closePayload(1000, utf8("bye 😀")));
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.addAll(Scenario.numbered("7.7", VALID_CODES, code -> "close " + code + " is answered with " + code,
                code -> s -> s.closeNormally(code)));
        cases.addAll(Scenario.numbered("7.9", INVALID_CODES, code -> "close " + code + " fails with 1002", code -> s -> {
            s.send(CLOSE, closePayload(code, new byte[0]));
            s.expectFailure(1002);
        }));
        cases.add(named("7.13.1", "close written 1 byte at a time", s -> {
            s.sendChopped(frame(true, 0, CLOSE, closePayload(1000, utf8("slowly"))), 1, 1);
            s.expectCloseReply(1000);
            s.finish();
        }));
        cases.add(named("7.13.2", "close 4000 inside a fragmented message, after a pause", s -> {
            s.send(false, 0, TEXT, utf8("fragment1"));
            Thread.sleep(30);
            s.send(CLOSE, closePayload(4000, utf8("mid-message")));
            s.expectCloseReply(4000);
            s.finish();
        }));
        cases.add(named("7.14.1", "server closes TCP right behind its close frame: the client still ends with 1000", s -> {
            s.sendRaw(frame(true, 0, CLOSE, closePayload(1000, new byte[0])));
            s.finishAfterPossibleCloseReply(1000);
        }));
        cases.add(named("7.14.2", "server drops TCP mid-message without a close frame: 1006", s -> {
            s.send(false, 0, TEXT, utf8("fragment1"));
            Thread.sleep(30);
            s.expectClientCloseCode(1006);
            s.dropAndExpectEof();
        }));
        cases.add(named("7.14.4", "server closes TCP after 10 of 100 announced payload bytes: 1006", s -> {
            s.sendRaw(concat(WireServer.header(true, 0, WireServer.BINARY, 100), binary(10)));
            s.expectClientCloseCode(1006);
            s.finish();
        }));
        cases.add(named("7.14.3", "server half-closes TCP without a close frame: 1006, and the client closes its end", s -> {
            s.sendText("before the end");
            s.expectEcho("before the end");
            s.expectClientCloseCode(1006);
            s.finish();
        }));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void closesStrictly(Scenario scenario) throws Exception {
        runCase(scenario);
    }

    /** RFC 6455 7.1.7: a client that fails the connection closes TCP itself when the server does nothing. */
    @org.junit.jupiter.api.Test
    void aFailingClientClosesTcpEvenIfTheServerNeitherRepliesNorCloses() throws Exception {
        runCase(s -> {
            s.send(true, WireServer.RSV2, TEXT, utf8("bad"));
            WireServer.Frame f = s.readFrame();
            assertEquals(CLOSE, f.opcode(), () -> "expected close 1002, got " + f);
            assertEquals(1002, f.closeCode());
            s.expectClientCloseCode(1002);
            s.expectEof(); // without a reply and without the server's TCP close
        });
    }

    /**
     * After its own close (here: the idle timeout's 1001) the client sends nothing more: no echo of a
     * message that was already on its way, no pong (RFC 6455 5.5.1); the server's close ends it.
     */
    @org.junit.jupiter.api.Test
    void afterItsOwnCloseTheClientNeitherEchoesNorAnswersPings() throws Exception {
        withIdleTimeout(1000, () -> runCase(s -> {
            WireServer.Frame f = s.readFrame(); // the idle timeout's close
            assertEquals(CLOSE, f.opcode(), () -> "expected the idle close 1001, got " + f);
            assertEquals(1001, f.closeCode());
            s.sendRaw(concat(frame(true, 0, TEXT, utf8("crossing the close")), frame(true, 0, PING, utf8("crossing")),
                    frame(true, 0, CLOSE, closePayload(1001, new byte[0]))));
            // Jakarta WebSocket 2.2 section 2.1.5: a close the container starts on a timeout reaches
            // the local endpoint as 1006, whatever went on the wire.
            s.expectClientCloseCode(1006);
            s.finish();
        }));
    }

    /** A client close that the server never answers ends at the client's close timeout, the client closing TCP. */
    @org.junit.jupiter.api.Test
    void anUnansweredClientCloseEndsAtTheCloseTimeout() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(BowlineClientContainer.CLOSE_TIMEOUT, CLOSE_TIMEOUT_MILLIS);
        withIdleTimeout(1000, () -> runCase(Answer.plain(), config, s -> {
            WireServer.Frame f = s.readFrame();
            long closeSeen = System.nanoTime();
            assertEquals(CLOSE, f.opcode(), () -> "expected the idle close 1001, got " + f);
            assertEquals(1001, f.closeCode());
            s.expectClientCloseCode(1006); // unanswered (RFC 6455 7.1.5) and started by a timeout (section 2.1.5)
            // It waits for the server's close, but not for ever: TCP closes at the close timeout, not at once.
            s.expectEofNoSoonerThan(closeSeen, CLOSE_TIMEOUT_MILLIS / 2);
        }));
    }

    /** RFC 6455 4.1: a close in the same write as the 101 belongs to the session and is answered. */
    @org.junit.jupiter.api.Test
    void aCloseInTheSameWriteAsThe101IsAnswered() throws Exception {
        runCase(server -> server.sendRaw(concat(Answer.latin1(server.switchingProtocols("")),
                frame(true, 0, CLOSE, closePayload(4321, utf8("right away"))))), plainConfig(), s -> {
                    s.expectCloseReply(4321);
                    s.finish();
                });
    }

    /**
     * RFC 6455 7.1.1: after the close handshake the server closes TCP first, and the client SHOULD
     * wait for it; a server that never does is left after the client's close timeout. The client
     * keeps quiet and keeps its end open for a while, then closes it.
     */
    @org.junit.jupiter.api.Test
    void aServerThatNeverClosesTcpIsLeftAfterTheCloseTimeout() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(BowlineClientContainer.CLOSE_TIMEOUT, CLOSE_TIMEOUT_MILLIS);
        runCase(Answer.plain(), config, s -> {
            s.send(CLOSE, closePayload(1001, utf8("going away")));
            s.expectCloseReply(1001);
            long replySeen = System.nanoTime();
            // Waiting for the server to close first, not closing at once: TCP closes at the close timeout.
            s.expectEofNoSoonerThan(replySeen, CLOSE_TIMEOUT_MILLIS / 2);
        });
    }
}
