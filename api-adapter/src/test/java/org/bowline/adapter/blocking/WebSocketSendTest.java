package org.bowline.adapter.blocking;

import static org.bowline.adapter.blocking.RawPeer.BINARY;
import static org.bowline.adapter.blocking.RawPeer.CLOSE;
import static org.bowline.adapter.blocking.RawPeer.CONTINUATION;
import static org.bowline.adapter.blocking.RawPeer.PING;
import static org.bowline.adapter.blocking.RawPeer.PONG;
import static org.bowline.adapter.blocking.RawPeer.TEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** send(String | byte[] | Iterable), ping, pong, as frames on the wire. */
class WebSocketSendTest extends BlockingServerFixture {

    @Test
    void sendsTextAsOneTextFrameAndBinaryAsOneBinaryFrame() throws Exception {
        BlockingServer server = serve(ws -> {
            ws.send("héllo");
            ws.send(new byte[] {9, 8, 7});
            ws.send((Object) ByteBuffer.wrap(new byte[] {6}));
            ws.receive();
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            RawPeer.Frame text = peer.read();
            assertEquals(TEXT, text.opcode());
            assertTrue(text.fin());
            assertEquals("héllo", text.text());
            RawPeer.Frame binary = peer.read();
            assertEquals(BINARY, binary.opcode());
            assertArrayEquals(new byte[] {9, 8, 7}, binary.payload());
            assertArrayEquals(new byte[] {6}, peer.read().payload());
        }
    }

    @Test
    void anIterableIsOneFragmentedMessageWithOneFramePerElement() throws Exception {
        BlockingServer server = serve(ws -> {
            ws.send(List.of("a", "bc", "déf"));
            ws.send(List.of(new byte[] {1}, ByteBuffer.wrap(new byte[] {2, 3})));
            ws.send(List.of("single"));
            ws.send(List.of()); // nothing at all
            ws.send("after");
            ws.receive();
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            assertFrame(peer.read(), false, TEXT, "a");
            assertFrame(peer.read(), false, CONTINUATION, "bc");
            assertFrame(peer.read(), true, CONTINUATION, "déf");
            RawPeer.Frame b1 = peer.read();
            assertEquals(BINARY, b1.opcode());
            assertFalse(b1.fin());
            assertArrayEquals(new byte[] {1}, b1.payload());
            RawPeer.Frame b2 = peer.read();
            assertEquals(CONTINUATION, b2.opcode());
            assertTrue(b2.fin());
            assertArrayEquals(new byte[] {2, 3}, b2.payload());
            assertFrame(peer.read(), true, TEXT, "single");
            assertFrame(peer.read(), true, TEXT, "after");
        }
    }

    @Test
    void theFirstFragmentFixesTheType() throws Exception {
        BlockingServer server = serve(ws -> {
            try {
                ws.send(List.of("text", new byte[] {1}));
            } catch (IllegalArgumentException e) {
                events.add(e.getMessage());
            }
            ws.send("still open"); // nothing had been sent: the connection carries on
            try {
                ws.send(List.of(new byte[] {1}, new byte[] {2}, "text"));
            } catch (IllegalArgumentException e) {
                events.add(e.getMessage());
            }
            ws.receive();
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            assertTrue(((String) event()).contains("Fragment 1 is a [B but the message is text"));
            assertFrame(peer.read(), true, TEXT, "still open");
            assertEquals(BINARY, peer.read().opcode()); // the first fragment; the second waited for the third's check
            String second = (String) event();
            assertTrue(second.contains("Fragment 2 is a java.lang.String but the message is binary"), second);
            RawPeer.Frame close = peer.read();
            assertEquals(CLOSE, close.opcode());
            assertEquals(1011, close.closeCode());
        }
    }

    @Test
    void pingAndPongSendControlFrames() throws Exception {
        BlockingServer server = serve(ws -> {
            ws.ping();
            ws.ping(new byte[] {1, 2});
            ws.pong(new byte[] {3});
            ws.receive();
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            RawPeer.Frame ping = peer.read();
            assertEquals(PING, ping.opcode());
            assertEquals(0, ping.payload().length);
            RawPeer.Frame ping2 = peer.read();
            assertEquals(PING, ping2.opcode());
            assertArrayEquals(new byte[] {1, 2}, ping2.payload());
            RawPeer.Frame pong = peer.read();
            assertEquals(PONG, pong.opcode());
            assertArrayEquals(new byte[] {3}, pong.payload());
        }
    }

    @Test
    void aSendOnAClosedConnectionThrowsWithTheCloseCode() throws Exception {
        BlockingServer server = serve(ws -> {
            try {
                ws.receive();
            } catch (ConnectionClosedException e) {
                events.add("closed");
            }
            try {
                ws.send("too late");
            } catch (ConnectionClosedException e) {
                events.add(e);
            }
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            peer.sendClose(4321, "done");
            assertEquals("closed", event());
            ConnectionClosedException e = assertInstanceOf(ConnectionClosedException.class, event());
            assertEquals(4321, e.code());
            assertEquals("done", e.reason());
        }
    }

    @Test
    void concurrentSendersNeverInterleaveTheFramesOfDifferentMessages() throws Exception {
        int threads = 4;
        int perThread = 150;
        BlockingServer server = serve(ws -> {
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                Thread sender = new Thread(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            if (i % 2 == 0) {
                                ws.send(List.of(name + ":" + i + ":a", name + ":" + i + ":b", name + ":" + i + ":c"));
                            } else {
                                ws.send(name + ":" + i + ":whole");
                            }
                        }
                    } catch (Exception e) {
                        events.add(e);
                    }
                });
                senders.add(sender);
                sender.start();
            }
            for (Thread sender : senders) {
                sender.join();
            }
            ws.send("done");
            ws.receive();
        });
        Map<String, Integer> next = new HashMap<>();
        try (RawPeer peer = RawPeer.open(server.port())) {
            int messages = 0;
            while (true) {
                RawPeer.Frame first = peer.read();
                assertEquals(TEXT, first.opcode(), "a message starts with a text frame, not a continuation");
                if (first.text().equals("done")) {
                    break;
                }
                String[] parts = first.text().split(":");
                String thread = parts[0];
                int index = Integer.parseInt(parts[1]);
                assertEquals(next.getOrDefault(thread, 0), index, "each thread's messages in its order");
                next.put(thread, index + 1);
                if (first.fin()) {
                    assertEquals(thread + ":" + index + ":whole", first.text());
                } else {
                    assertEquals(thread + ":" + index + ":a", first.text());
                    assertFrame(peer.read(), false, CONTINUATION, thread + ":" + index + ":b");
                    assertFrame(peer.read(), true, CONTINUATION, thread + ":" + index + ":c");
                }
                messages++;
            }
            assertEquals(threads * perThread, messages);
            assertTrue(events.isEmpty(), () -> "sender failures: " + events);
        }
    }

    private static void assertFrame(RawPeer.Frame frame, boolean fin, int opcode, String text) {
        assertEquals(opcode, frame.opcode(), "opcode of " + text);
        assertEquals(fin, frame.fin(), "fin of " + text);
        assertEquals(text, frame.text());
    }

    @Test
    void aMessageOfAnotherTypeIsRefusedNamingIt() throws Exception {
        BlockingServer server = serve(ws -> {
            events.add(assertThrows(IllegalArgumentException.class, () -> ws.send((Object) 42)).getMessage());
            ws.receive();
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            assertTrue(((String) event()).contains("java.lang.Integer"));
        }
    }
}
