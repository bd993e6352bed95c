package org.bowline.adapter.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** for (var msg : ws): yields the messages, ends quietly on 1000, 1001 or no status, throws otherwise. */
class IterationTest extends BlockingServerFixture {

    private BlockingServer iteratingServer() throws Exception {
        return serve(ws -> {
            List<Object> seen = new ArrayList<>();
            try {
                for (var msg : ws) {
                    seen.add(msg);
                }
                events.add(seen);
                events.add("ended quietly");
            } catch (ConnectionClosedException e) {
                events.add(seen);
                events.add(e);
            }
        });
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {1000, 1001, 1005})
    void endsQuietlyOnANormalClose(int code) throws Exception {
        BlockingServer server = iteratingServer();
        try (RawPeer peer = RawPeer.open(server.port())) {
            peer.sendText("a");
            peer.sendText("b");
            if (code == 1005) {
                peer.send(true, RawPeer.CLOSE, new byte[0]);
            } else {
                peer.sendClose(code, "");
            }
            assertEquals(List.of("a", "b"), event());
            assertEquals("ended quietly", event());
        }
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {1011, 4000})
    void throwsOnAnyOtherClose(int code) throws Exception {
        BlockingServer server = iteratingServer();
        try (RawPeer peer = RawPeer.open(server.port())) {
            peer.sendText("a");
            peer.sendClose(code, "broken");
            assertEquals(List.of("a"), event());
            ConnectionClosedException e = assertInstanceOf(ConnectionClosedException.class, event());
            assertEquals(code, e.code());
            assertEquals("broken", e.reason());
        }
    }

    @org.junit.jupiter.api.Test
    void throwsWithTheProtocolErrorWhenThePeerBreaksTheProtocol() throws Exception {
        BlockingServer server = iteratingServer();
        try (RawPeer peer = RawPeer.open(server.port())) {
            peer.send(true, RawPeer.CONTINUATION, RawPeer.utf8("no start"));
            assertEquals(List.of(), event());
            assertEquals(1002, assertInstanceOf(ConnectionClosedException.class, event()).code());
        }
    }
}
