package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.CLOSE;
import static org.bowline.container.client.conformance.WireServer.PING;
import static org.bowline.container.client.conformance.WireServer.TEXT;
import static org.bowline.container.client.conformance.WireServer.closePayload;
import static org.bowline.container.client.conformance.WireServer.concat;
import static org.bowline.container.client.conformance.WireServer.serverFrame;
import static org.bowline.container.client.conformance.WireServer.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.websocket.ClientEndpointConfig;

import org.bowline.container.client.BowlineClientContainer;
import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.CloseCases;
import org.bowline.container.conformance.Transport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 7, client role: {@link org.bowline.container.conformance.CloseCases} with this test
 * as the server, and what only a client meets: the server closes TCP first and the client then closes
 * its end; a server that never does is left after the client's close timeout, and one that vanishes
 * is reported as 1006.
 */
class CloseCasesTest extends ClientConformanceFamily {

    /** Long enough that a descheduled test thread cannot mistake the timeout for an early close. */
    private static final int CLOSE_TIMEOUT_MILLIS = 3000;

    /**
     * How the connection ends when the server closes TCP without the full closing handshake: only the
     * client role has these (as the server, Bowline closes TCP first; RFC 6455 7.1.1).
     */
    static List<Named<Scenario>> tcpEndCases() {
        List<Named<Scenario>> cases = new ArrayList<>();
        cases.add(named("7.14.1", "server closes TCP right behind its close frame: the client still ends with 1000", s -> {
            s.sendRaw(serverFrame(true, 0, CLOSE, closePayload(1000, new byte[0])));
            s.finishAfterPossibleCloseReply(1000);
        }));
        cases.add(named("7.14.2", "server drops TCP mid-message without a close frame: 1006", s -> {
            s.send(false, 0, TEXT, utf8("fragment1"));
            Thread.sleep(30);
            s.expectClientCloseCode(1006);
            s.dropAndExpectEof();
        }));
        cases.add(named("7.14.4", "server closes TCP after 10 of 100 announced payload bytes: 1006", s -> {
            s.sendRaw(concat(WireServer.serverHeader(true, 0, WireServer.BINARY, 100), binary(10)));
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

    static Stream<Arguments> cases() {
        return overTransports(CloseCases.cases(), false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void closesStrictly(Transport transport, Case c) throws Exception {
        run(transport, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tcpEndCases")
    void endsWhenTheServerEndsTcp(Scenario scenario) throws Exception {
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
            s.sendRaw(concat(serverFrame(true, 0, TEXT, utf8("crossing the close")), serverFrame(true, 0, PING, utf8("crossing")),
                    serverFrame(true, 0, CLOSE, closePayload(1001, new byte[0]))));
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
                serverFrame(true, 0, CLOSE, closePayload(4321, utf8("right away"))))), plainConfig(), s -> {
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
