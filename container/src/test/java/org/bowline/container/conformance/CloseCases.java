package org.bowline.container.conformance;

import static org.bowline.container.conformance.Case.named;
import static org.bowline.container.conformance.Peer.BINARY;
import static org.bowline.container.conformance.Peer.CLOSE;
import static org.bowline.container.conformance.Peer.CONTINUATION;
import static org.bowline.container.conformance.Peer.PING;
import static org.bowline.container.conformance.Peer.TEXT;
import static org.bowline.container.conformance.Peer.closePayload;
import static org.bowline.container.conformance.Peer.concat;
import static org.bowline.container.conformance.Peer.utf8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Named;

/**
 * Autobahn family 7, both roles: the closing handshake (RFC 6455 5.5.1, 7.1, 7.4). A valid close from
 * the peer is answered with the same code, after the echoes of what came before it, and nothing after
 * it is acted on; a bad close payload fails the connection (1002, or 1007 for a reason that is not
 * UTF-8). How TCP then ends differs by role ({@link Peer#expectEnd()}); the cases about the end of TCP
 * itself, which only the client role has (the server closes first), stay with the client's runner.
 */
public final class CloseCases {

    /** Valid on the wire: RFC 6455 7.4.1 and the IANA registry (1012-1014), and the application ranges. */
    private static final List<Integer> VALID_CODES = List.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011,
            1012, 1013, 1014, 3000, 3999, 4000, 4999);
    private static final List<Integer> INVALID_CODES = List.of(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999,
            5000, 65535);
    private static final int MIB = 1024 * 1024;

    private CloseCases() {
    }

    public static List<Named<Case>> cases() {
        List<Named<Case>> cases = new ArrayList<>();
        cases.add(named("7.1.1", "text and close in one write: echo, then close reply 1000", p -> {
            p.sendRaw(concat(p.frame(true, 0, TEXT, utf8("Hello World!")), p.frame(true, 0, CLOSE, closePayload(1000, new byte[0]))));
            p.expectEcho("Hello World!");
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.1.2", "two closes back to back: one close reply, nothing more", p -> {
            byte[] close = p.frame(true, 0, CLOSE, closePayload(1000, new byte[0]));
            p.sendRaw(concat(close, close));
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.1.3", "ping after close is not answered", p -> {
            p.sendRaw(concat(p.frame(true, 0, CLOSE, closePayload(1000, new byte[0])), p.frame(true, 0, PING, utf8("after close"))));
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.1.4", "text after close is not echoed", p -> {
            p.sendRaw(concat(p.frame(true, 0, CLOSE, closePayload(1000, new byte[0])), p.frame(true, 0, TEXT, utf8("after close"))));
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.1.5", "fragment, close, final continuation: only the close is answered", p -> {
            p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("fragment1")), p.frame(true, 0, CLOSE, closePayload(1000, new byte[0])),
                    p.frame(true, 0, CONTINUATION, utf8("fragment2"))));
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.1.6", "a 256 KiB echo, then a close", p -> {
            byte[] big = new byte[256 * 1024];
            Arrays.fill(big, (byte) 'B');
            p.send(TEXT, big);
            p.expectEcho(TEXT, big);
            p.closeNormally(1000);
        }));
        cases.add(named("7.1.7", "echo a message, wait for it, then close normally", p -> {
            p.sendText("Hello World!");
            p.expectEcho("Hello World!");
            p.closeNormally();
        }));
        cases.add(named("7.1.8", "fragmented text and close in one write: echo, then close reply 1000", p -> {
            p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("Hello ")), p.frame(true, 0, CONTINUATION, utf8("World!")),
                    p.frame(true, 0, CLOSE, closePayload(1000, new byte[0]))));
            p.expectEcho("Hello World!");
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.1.9", "1 MiB binary and close in one write: the whole echo, then the close reply", p -> {
            p.setTimeout(60_000);
            byte[] big = PingPongCases.binary(MIB);
            p.sendRaw(concat(p.frame(true, 0, BINARY, big), p.frame(true, 0, CLOSE, closePayload(1000, new byte[0]))));
            p.expectEcho(BINARY, big);
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.1.10", "close, then more bytes in a later write: ignored", p -> {
            p.send(CLOSE, closePayload(1000, new byte[0]));
            p.expectCloseReply(1000);
            try {
                p.sendRaw(concat(p.frame(true, 0, TEXT, utf8("late")), p.frame(true, 0, PING, utf8("late"))));
            } catch (IOException bowlineAlreadyClosing) {
                // Bowline may have closed its reading side; either way nothing may come back
            }
            p.expectEnd();
        }));
        cases.add(named("7.3.1", "close without payload is answered by a close without payload", p -> {
            p.send(CLOSE, new byte[0]);
            p.expectEmptyCloseReply();
            p.expectEnd();
        }));
        cases.add(named("7.3.2", "close with a 1-byte payload fails with 1002", p -> {
            p.send(CLOSE, new byte[] {0x03});
            p.expectFailure(1002);
        }));
        cases.add(named("7.3.3", "close 1000 without reason", p -> p.closeNormally(1000)));
        cases.add(named("7.3.4", "close 1000 with a reason", p -> {
            p.send(CLOSE, closePayload(1000, utf8("Hello World!")));
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.3.5", "close 1000 with a 123-byte reason (125-byte payload)", p -> {
            byte[] reason = new byte[123];
            Arrays.fill(reason, (byte) '*');
            p.send(CLOSE, closePayload(1000, reason));
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.3.6", "close with a 124-byte reason (126-byte payload) fails with 1002", p -> {
            byte[] reason = new byte[124];
            Arrays.fill(reason, (byte) '*');
            p.send(CLOSE, closePayload(1000, reason));
            p.expectFailure(1002);
        }));
        cases.add(named("7.5.1", "close reason with invalid UTF-8 fails with 1007", p -> {
            p.send(CLOSE, closePayload(1000, concat(utf8("κόσμε"), HexFormat.of().parseHex("eda080"), utf8("edited"))));
            p.expectFailure(1007);
        }));
        cases.add(named("7.5.2", "close reason truncated inside a multi-byte character fails with 1007", p -> {
            p.send(CLOSE, closePayload(1000, HexFormat.of().parseHex("41ce")));
            p.expectFailure(1007);
        }));
        cases.add(named("7.5.3", "close reason with valid 4-byte UTF-8 is accepted", p -> {
            p.send(CLOSE, closePayload(1000, utf8("bye 😀")));
            replyAndEnd(p, 1000);
        }));
        cases.addAll(Case.numbered("7.7", VALID_CODES, code -> "close " + code + " is answered with " + code,
                code -> p -> p.closeNormally(code)));
        cases.addAll(Case.numbered("7.9", INVALID_CODES, code -> "close " + code + " fails with 1002", code -> p -> {
            p.send(CLOSE, closePayload(code, new byte[0]));
            p.expectFailure(1002);
        }));
        cases.add(named("7.13.1", "close written 1 byte at a time", p -> {
            p.sendChopped(p.frame(true, 0, CLOSE, closePayload(1000, utf8("slowly"))), 1, 1);
            replyAndEnd(p, 1000);
        }));
        cases.add(named("7.13.2", "close 4000 inside a fragmented message, after a pause", p -> {
            p.send(false, 0, TEXT, utf8("fragment1"));
            p.settle(30);
            p.send(CLOSE, closePayload(4000, utf8("mid-message")));
            replyAndEnd(p, 4000);
        }));
        return cases;
    }

    private static void replyAndEnd(Peer p, int code) throws IOException {
        p.expectCloseReply(code);
        p.expectEnd();
    }
}
