package org.bowline.adapter.blocking;

import static org.bowline.adapter.blocking.RawPeer.BINARY;
import static org.bowline.adapter.blocking.RawPeer.CONTINUATION;
import static org.bowline.adapter.blocking.RawPeer.PING;
import static org.bowline.adapter.blocking.RawPeer.PONG;
import static org.bowline.adapter.blocking.RawPeer.TEXT;
import static org.bowline.adapter.blocking.RawPeer.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** receive(): whole messages, pings answered without a receiver, pongs not returned, then the close. */
class WebSocketReceiveTest extends BlockingServerFixture {

    @Test
    void receiveReturnsTextAsStringAndBinaryAsByteArray() throws Exception {
        BlockingServer server = serve(ws -> {
            events.add(ws.receive());
            events.add(ws.receive());
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            peer.sendText("héllo");
            peer.send(true, BINARY, new byte[] {1, 2, 3});
            assertEquals("héllo", event());
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) event());
        }
    }

    @Test
    void fragmentsAreJoinedIntoOneMessageAndPongsAreNotReturned() throws Exception {
        BlockingServer server = serve(ws -> {
            events.add(ws.receive());
            events.add(ws.receive());
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            peer.send(false, TEXT, utf8("one "));
            peer.send(true, PONG, utf8("unsolicited"));
            peer.send(false, CONTINUATION, utf8("two "));
            peer.send(true, CONTINUATION, utf8("three"));
            peer.send(false, BINARY, new byte[] {1});
            peer.send(true, CONTINUATION, new byte[] {2, 3});
            assertEquals("one two three", event());
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) event());
        }
    }

    @Test
    void pingsAreAnsweredWhileNobodyReceives() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingServer server = serve(ws -> {
            events.add("started");
            release.await(20, TimeUnit.SECONDS);
            events.add(ws.receive());
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            assertEquals("started", event());
            peer.sendText("waiting to be received"); // held while the handler does not receive
            for (int i = 0; i < 3; i++) {
                peer.send(true, PING, utf8("ping " + i));
                RawPeer.Frame pong = peer.read();
                assertEquals(PONG, pong.opcode());
                assertEquals("ping " + i, pong.text());
            }
            release.countDown();
            assertEquals("waiting to be received", event());
        }
    }

    @Test
    void receiveReturnsTheMessagesBeforeTheCloseThenThrowsWithItsCodeAndReason() throws Exception {
        BlockingServer server = serve(ws -> {
            events.add("started");
            while (true) {
                try {
                    events.add(ws.receive());
                } catch (ConnectionClosedException e) {
                    events.add(e);
                    return;
                }
            }
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            assertEquals("started", event());
            peer.sendText("first");
            peer.sendText("second");
            peer.sendClose(4003, "bye now");
            assertEquals("first", event());
            assertEquals("second", event());
            ConnectionClosedException closed = assertInstanceOf(ConnectionClosedException.class, event());
            assertEquals(4003, closed.code());
            assertEquals("bye now", closed.reason());
            RawPeer.Frame reply = peer.readData();
            assertEquals(RawPeer.CLOSE, reply.opcode());
            assertEquals(4003, reply.closeCode());
        }
    }
}
