package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.function.Predicate;

import jakarta.websocket.ClientEndpointConfig;

import org.bowline.container.client.BowlineClientContainer;
import org.bowline.container.handshake.HandshakeFailedException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that misbehaves in the opening handshake (RFC 6455 4.1: "the client MUST _Fail the
 * WebSocket Connection_") or right after it: every attempt ends in a clear exception naming what
 * was wrong, within the configured handshake deadline, with the endpoint never opened and the
 * connection closed by the client; frames no server may send fail the session with 1002. The
 * family's container is checked for leftover threads when it is closed.
 */
class MisbehavingServerTest extends ClientConformanceFamily {

    private static final long HANDSHAKE_TIMEOUT_MILLIS = 1000;
    /** A generous bound for "did not hang": the deadline plus slack for a loaded machine. */
    private static final long GIVE_UP_BOUND_MILLIS = HANDSHAKE_TIMEOUT_MILLIS + 10_000;

    /** A bad 101 and how the client's exception must name the fault. */
    record BadHandshake(Answer answer, boolean offerDeflate, Predicate<IOException> verdict, String expected) {
    }

    private static Named<BadHandshake> bad(String id, String title, Answer answer, String messagePart) {
        return bad(id, title, answer, false, messagePart);
    }

    private static Named<BadHandshake> bad(String id, String title, Answer answer, boolean offerDeflate, String messagePart) {
        return Named.of("case H." + id + ": " + title, new BadHandshake(answer, offerDeflate,
                e -> e.getMessage() != null && e.getMessage().contains(messagePart), "a message naming \"" + messagePart + "\""));
    }

    private static Named<BadHandshake> stall(String id, String title, Answer answer) {
        return Named.of("case H." + id + ": " + title, new BadHandshake(answer, false,
                e -> e instanceof SocketTimeoutException && e.getMessage().contains(HANDSHAKE_TIMEOUT_MILLIS + " ms"),
                "a SocketTimeoutException naming the " + HANDSHAKE_TIMEOUT_MILLIS + " ms deadline"));
    }

    static List<Named<BadHandshake>> badHandshakes() {
        String upgrade = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        return List.of(
                bad("1", "wrong Sec-WebSocket-Accept", Answer.raw(s -> upgrade + "Sec-WebSocket-Accept: dGhpcyBpcyB3cm9uZw==\r\n\r\n"),
                        "Sec-WebSocket-Accept"),
                bad("2", "the accept key of another request's key",
                        Answer.raw(s -> upgrade + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"), "Sec-WebSocket-Accept"),
                bad("3", "no Sec-WebSocket-Accept", Answer.raw(s -> upgrade + "\r\n"), "Sec-WebSocket-Accept"),
                bad("4", "no Upgrade header", Answer.raw(s -> "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + s.acceptKey() + "\r\n\r\n"), "Upgrade"),
                bad("5", "Upgrade: h2c", Answer.raw(s -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + s.acceptKey() + "\r\n\r\n"), "h2c"),
                bad("6", "no Connection header", Answer.raw(s -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Accept: " + s.acceptKey() + "\r\n\r\n"), "Connection"),
                bad("7", "200 OK with a body", Answer.raw(s -> "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"), "200"),
                bad("8", "403 Forbidden", Answer.raw(s -> "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"), "403"),
                bad("9", "an extension that was not offered",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Extensions: x-webkit-deflate-frame\r\n")), "x-webkit-deflate-frame"),
                bad("10", "permessage-deflate though it was not offered",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Extensions: permessage-deflate\r\n")), "permessage-deflate"),
                bad("11", "a subprotocol that was not offered",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Protocol: chat\r\n")), "chat"),
                bad("12", "garbage instead of an HTTP response",
                        Answer.raw(s -> "\u0000\u00ff\u0013garbage\r\n\r\n"), "Malformed"),
                bad("13", "WebSocket frames instead of an HTTP response",
                        Answer.raw(s -> "\u0081\u0005hello\u0081\u0005hello\r\n\r\n"), "Malformed"),
                bad("14", "the connection closed half-way through the response head", server -> {
                    server.sendRaw(Answer.latin1("HTTP/1.1 101 Switching Protocols\r\nUpgrade: webs"));
                    server.finish();
                }, "closed by"),
                bad("15", "a response head of more than 64 KiB", Answer.raw(s -> upgrade + ("X-Filler: " + "x".repeat(1000) + "\r\n").repeat(70)
                        + "Sec-WebSocket-Accept: " + s.acceptKey() + "\r\n\r\n"), "server 127.0.0.1:"),
                stall("16", "no answer at all", server -> {
                }),
                stall("17", "half a response head, then silence",
                        server -> server.sendRaw(Answer.latin1("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"))),
                stall("18", "a correct 101 trickling in one byte every 100 ms (the deadline covers the whole head)", server -> {
                    byte[] head = Answer.latin1(server.switchingProtocols(""));
                    try {
                        for (byte b : head) {
                            server.sendRaw(new byte[] {b});
                            Thread.sleep(100);
                        }
                    } catch (IOException | InterruptedException clientGaveUp) {
                        // what the case expects: the client left before the head was complete
                    }
                }),
                bad("19", "permessage-deflate with client_max_window_bits=7",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=7\r\n")),
                        true, "client_max_window_bits"),
                bad("20", "permessage-deflate with server_max_window_bits=16",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=16\r\n")),
                        true, "server_max_window_bits"),
                bad("21", "permessage-deflate with an unknown parameter",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Extensions: permessage-deflate; foo=bar\r\n")),
                        true, "permessage-deflate"),
                bad("22", "permessage-deflate accepted twice",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Extensions: permessage-deflate, permessage-deflate\r\n")),
                        true, "twice"),
                bad("23", "client_no_context_takeover with a value",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover=1\r\n")),
                        true, "client_no_context_takeover"),
                bad("24", "server_max_window_bits without a value",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits\r\n")),
                        true, "server_max_window_bits"),
                bad("25", "client_max_window_bits without a value (RFC 7692 7.1.2.2: a response must give one)",
                        Answer.raw(s -> s.switchingProtocols("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")),
                        true, "client_max_window_bits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHandshakes")
    void aBadHandshakeFailsClearlyWithinTheDeadline(BadHandshake c) throws Exception {
        ClientEndpointConfig config = c.offerDeflate() ? deflateConfig() : plainConfig();
        config.getUserProperties().put(BowlineClientContainer.HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT_MILLIS);
        long start = System.nanoTime();
        IOException e = handshakeFailure(c.answer(), config);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(c.verdict().test(e), () -> "expected " + c.expected() + ", got " + e);
        if (e instanceof SocketTimeoutException) {
            assertTrue(tookMillis >= HANDSHAKE_TIMEOUT_MILLIS - 100, "gave up after " + tookMillis + " ms, before the deadline");
        } else if (e.getMessage().contains("Sec-WebSocket") || e.getMessage().contains("Upgrade")) {
            assertInstanceOf(HandshakeFailedException.class, e);
        }
        assertTrue(tookMillis < GIVE_UP_BOUND_MILLIS, "the failed handshake took " + tookMillis + " ms");
    }

    /** Frames no server may send, right after a correct 101. */
    static List<Named<Scenario>> badFrames() {
        return List.of(
                named("H.30", "a masked frame from the server fails with 1002 (RFC 6455 5.1)", s -> {
                    s.sendRaw(WireServer.maskedFrame(true, WireServer.TEXT, WireServer.utf8("masked")));
                    s.expectFailure(1002);
                }),
                named("H.31", "an echo, then a masked frame: echo first, then 1002", s -> {
                    s.sendRaw(WireServer.concat(WireServer.serverFrame(true, 0, WireServer.TEXT, WireServer.utf8("fine")),
                            WireServer.maskedFrame(true, WireServer.BINARY, new byte[] {1, 2, 3})));
                    s.expectEcho("fine");
                    s.expectFailure(1002);
                }),
                named("H.32", "a second HTTP response where frames belong fails with 1002", s -> {
                    s.sendRaw(Answer.latin1("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
                    s.expectFailure(1002);
                }),
                named("H.33", "a 64-bit length with its most significant bit set fails with 1002", s -> {
                    byte[] header = WireServer.serverHeader(true, 0, WireServer.BINARY, 70_000);
                    header[2] = (byte) 0x80;
                    s.sendRaw(header);
                    s.expectFailure(1002);
                }),
                named("H.34", "random bytes after the 101 fail the connection without a hang", s -> {
                    byte[] garbage = new byte[4096];
                    new java.util.Random(34).nextBytes(garbage);
                    garbage[0] = (byte) 0xF3; // FIN, RSV bits, reserved opcode 3: wrong on the first byte
                    s.sendRaw(garbage);
                    s.expectFailure(1002);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void framesNoServerMaySendFailTheSession(Scenario scenario) throws Exception {
        runCase(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framesBehindA101WithBodyHeaders")
    void aFrameBehindA101IsTheSessionsWhateverItsHeadersSay(Answer answer) throws Exception {
        runCase(answer, plainConfig(), s -> {
            s.expectEcho("not a body");
            s.closeNormally();
        });
    }

    /**
     * A server that goes quiet in the middle of a frame cannot hold the client past its idle timeout:
     * the client closes with 1001 (its endpoint sees 1006) and the connection ends.
     */
    @org.junit.jupiter.api.Test
    void aServerStalledMidFrameIsLeftAfterTheIdleTimeout() throws Exception {
        withIdleTimeout(1000, () -> runCase(Answer.plain(), plainConfig(), s -> {
            s.sendRaw(WireServer.concat(WireServer.serverHeader(true, 0, WireServer.TEXT, 100), WireServer.utf8("only part")));
            // a close reply now would be read as the rest of the unfinished frame: just end the connection
            s.expectClientCloseThenDrop(1001, 1006); // the endpoint learns of a timeout close as 1006
        }));
    }

    /** Unusual but valid 101 responses: the client must accept them and work normally. */
    static List<Named<Answer>> acceptableHandshakes() {
        return List.of(
                Named.of("case H.50: header names in lower case", Answer.raw(s -> "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n"
                        + "connection: upgrade\r\nsec-websocket-accept: " + s.acceptKey() + "\r\n\r\n")),
                Named.of("case H.51: Upgrade: WebSocket and Connection: keep-alive, Upgrade", Answer.raw(s -> "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: " + s.acceptKey() + "\r\n\r\n")),
                Named.of("case H.52: another reason phrase and extra headers", Answer.raw(s -> "HTTP/1.1 101 Web Socket Protocol Handshake\r\n"
                        + "Server: fuzzing/1.0\r\nDate: Tue, 01 Dec 2026 21:00:00 GMT\r\nUpgrade: websocket\r\nSet-Cookie: a=b\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + s.acceptKey() + "\r\nX-Powered-By: nothing\r\n\r\n")),
                Named.of("case H.53: spaces and tabs around header values", Answer.raw(s -> "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade:  websocket \t\r\nConnection:\tUpgrade\r\nSec-WebSocket-Accept:   " + s.acceptKey() + "  \r\n\r\n")),
                Named.of("case H.54: the 101 written one byte per TCP write", server -> {
                    for (byte b : Answer.latin1(server.switchingProtocols(""))) {
                        server.sendRaw(new byte[] {b});
                    }
                }),
                Named.of("case H.55: an empty reason phrase", Answer.raw(s -> "HTTP/1.1 101 \r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + s.acceptKey() + "\r\n\r\n")));
    }

    /** 101s with headers that would announce a body on another status, each with a frame right behind it. */
    static List<Named<Answer>> framesBehindA101WithBodyHeaders() {
        return List.of(
                // RFC 9112 6.3: a 1xx response ends at its empty line whatever its headers say, so the
                // frames behind it are the session's, not a body
                Named.of("case H.56: Content-Length on the 101, a frame right behind it", server -> server.sendRaw(WireServer.concat(
                        Answer.latin1(server.switchingProtocols("Content-Length: 7\r\n")),
                        WireServer.serverFrame(true, 0, WireServer.TEXT, WireServer.utf8("not a body"))))),
                Named.of("case H.57: Transfer-Encoding: chunked on the 101, a frame right behind it", server -> server.sendRaw(WireServer.concat(
                        Answer.latin1(server.switchingProtocols("Transfer-Encoding: chunked\r\n")),
                        WireServer.serverFrame(true, 0, WireServer.TEXT, WireServer.utf8("not a body"))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptableHandshakes")
    void anUnusualButValidHandshakeIsAccepted(Answer answer) throws Exception {
        runCase(answer, plainConfig(), s -> {
            s.sendText("after an unusual 101");
            s.expectEcho("after an unusual 101");
            s.closeNormally();
        });
    }

    /** A server stalled in the middle of a frame holds up only its own session: another one works meanwhile. */
    @org.junit.jupiter.api.Test
    void aServerStalledMidFrameHoldsUpOnlyItsOwnSession() throws Exception {
        runCase(stalled -> {
            stalled.sendRaw(WireServer.concat(WireServer.serverHeader(true, 0, WireServer.BINARY, 100), new byte[10]));
            runCase(other -> {
                other.sendText("meanwhile");
                other.expectEcho("meanwhile");
                other.closeNormally();
            });
            stalled.expectClientCloseCode(1006); // the stalled server now goes away mid-frame
            stalled.finish();
        });
    }

    /** A handshake the server never answers holds up only its own connectToServer: another connection opens meanwhile. */
    @org.junit.jupiter.api.Test
    void aStalledHandshakeHoldsUpOnlyItsOwnConnection() throws Exception {
        ClientEndpointConfig config = plainConfig();
        config.getUserProperties().put(BowlineClientContainer.HANDSHAKE_TIMEOUT, 8000L); // ample for the other case, even on a loaded machine
        java.util.concurrent.CompletableFuture<IOException> stalled = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return handshakeFailure(server -> {
                }, config);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        runCase(other -> {
            other.sendText("meanwhile");
            other.expectEcho("meanwhile");
            other.closeNormally();
        });
        assertFalse(stalled.isDone(), "the stalled handshake ended before the other connection was done with");
        assertInstanceOf(SocketTimeoutException.class, stalled.get(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** RFC 6455 4.1: frames right behind the 101, in the same write, belong to the session; bad ones fail it. */
    @org.junit.jupiter.api.Test
    void aBadFrameInTheSameWriteAsThe101FailsTheSession() throws Exception {
        runCase(server -> server.sendRaw(WireServer.concat(Answer.latin1(server.switchingProtocols("")),
                        WireServer.serverFrame(true, 0, WireServer.TEXT, WireServer.utf8("first")),
                        WireServer.maskedFrame(true, WireServer.TEXT, WireServer.utf8("masked")))),
                plainConfig(), s -> {
                    s.expectEcho("first");
                    s.expectFailure(1002);
                });
    }
}
