package org.bowline.container.conformance;

import static org.bowline.container.conformance.Case.named;
import static org.bowline.container.conformance.Peer.BINARY;
import static org.bowline.container.conformance.Peer.CLOSE;
import static org.bowline.container.conformance.Peer.PING;
import static org.bowline.container.conformance.Peer.PONG;
import static org.bowline.container.conformance.Peer.RSV1;
import static org.bowline.container.conformance.Peer.RSV2;
import static org.bowline.container.conformance.Peer.RSV3;
import static org.bowline.container.conformance.Peer.TEXT;
import static org.bowline.container.conformance.Peer.closePayload;
import static org.bowline.container.conformance.Peer.concat;
import static org.bowline.container.conformance.Peer.utf8;

import java.util.List;

import org.junit.jupiter.api.Named;

/**
 * Autobahn family 3, both roles: a reserved bit that no negotiated extension defines fails the
 * connection with 1002 (RFC 6455 5.2); echoes of messages that came before the bad frame still go
 * out first, and nothing after it (here: a ping) is answered.
 */
public final class ReservedBitsCases {

    private ReservedBitsCases() {
    }

    public static List<Named<Case>> cases() {
        return List.of(
                named("3.1", "text with RSV1 (no extension) fails with 1002", p -> {
                    p.send(true, RSV1, TEXT, utf8("Hello, world!"));
                    p.expectFailure(1002);
                }),
                named("3.2", "echo, then text with RSV2, then ping, in one write: echo, 1002, no pong", p -> {
                    p.sendRaw(concat(p.frame(true, 0, TEXT, utf8("Hello, world!")),
                            p.frame(true, RSV2, TEXT, utf8("Hello, world!")), p.frame(true, 0, PING, utf8("Hello, world!"))));
                    p.expectEcho("Hello, world!");
                    p.expectFailure(1002);
                }),
                named("3.3", "as 3.2 with RSV1|RSV2, each frame written after the echo arrived", p -> {
                    p.sendText("Hello, world!");
                    p.expectEcho("Hello, world!");
                    p.send(true, RSV1 | RSV2, TEXT, utf8("Hello, world!"));
                    p.send(PING, utf8("Hello, world!"));
                    p.expectFailure(1002);
                }),
                named("3.4", "as 3.2 with RSV3, written 1 byte at a time", p -> {
                    p.sendChopped(concat(p.frame(true, 0, TEXT, utf8("Hello, world!")),
                            p.frame(true, RSV3, TEXT, utf8("Hello, world!")), p.frame(true, 0, PING, utf8("Hello, world!"))),
                            1, 0);
                    p.expectEcho("Hello, world!");
                    p.expectFailure(1002);
                }),
                named("3.5", "binary with RSV1|RSV3 fails with 1002", p -> {
                    p.send(true, RSV1 | RSV3, BINARY, new byte[] {0, 1, 2, (byte) 0xFF});
                    p.expectFailure(1002);
                }),
                named("3.6.1", "ping with RSV1|RSV3 fails with 1002, unanswered", p -> {
                    p.send(true, RSV1 | RSV3, PING, utf8("Hello, world!"));
                    p.expectFailure(1002);
                }),
                named("3.6.2", "ping with RSV1|RSV2 fails with 1002, unanswered", p -> {
                    p.send(true, RSV1 | RSV2, PING, utf8("Hello, world!"));
                    p.expectFailure(1002);
                }),
                named("3.7.1", "close with RSV1|RSV2 fails with 1002", p -> {
                    p.send(true, RSV1 | RSV2, CLOSE, closePayload(1000, new byte[0]));
                    p.expectFailure(1002);
                }),
                named("3.7.2", "close with all RSV bits fails with 1002", p -> {
                    p.send(true, RSV1 | RSV2 | RSV3, CLOSE, closePayload(1000, new byte[0]));
                    p.expectFailure(1002);
                }),
                named("3.8", "binary echo, then binary with all RSV bits, in one write: echo, then 1002", p -> {
                    p.sendRaw(concat(p.frame(true, 0, BINARY, new byte[] {9, 8, 7}),
                            p.frame(true, RSV1 | RSV2 | RSV3, BINARY, new byte[] {1})));
                    p.expectEcho(BINARY, new byte[] {9, 8, 7});
                    p.expectFailure(1002);
                }),
                named("3.9", "continuation with RSV2 inside a fragmented text fails with 1002", p -> {
                    p.sendRaw(concat(p.frame(false, 0, TEXT, utf8("frag")), p.frame(true, RSV2, 0, utf8("ment"))));
                    p.expectFailure(1002);
                }),
                named("3.10", "pong with RSV3 fails with 1002", p -> {
                    p.send(true, RSV3, PONG, new byte[0]);
                    p.expectFailure(1002);
                }),
                named("3.11", "RSV1 text header alone fails with 1002 before its payload arrives", p -> {
                    p.sendRaw(p.header(true, RSV1, TEXT, 1000));
                    p.expectFailure(1002);
                }));
    }
}
