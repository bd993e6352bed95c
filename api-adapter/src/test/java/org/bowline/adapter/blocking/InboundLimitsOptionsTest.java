package org.bowline.adapter.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The blocking model's frame and fragment limits, over real sockets, on both ends: a server of
 * these options (listen/serve) and a client (open). Exactly at a limit passes; one over fails the
 * connection with 1009 and a reason that names the limit. The frame size cases turn compression off:
 * the limit is on frames as they cross the wire, and a deflated run of one letter is a few bytes.
 */
@Timeout(30) // a limit not applied leaves a receive() waiting
class InboundLimitsOptionsTest extends BlockingServerFixture {

    /** A server handler that reports each message's length, then how its connection ended. */
    private final Handler reporting = ws -> {
        try {
            for (var msg : ws) {
                events.add(msg instanceof String s ? s.length() : ((byte[]) msg).length);
            }
            events.add("closed normally");
        } catch (ConnectionClosedException e) {
            events.add(e.code() + " " + e.reason());
        }
    };

    private static List<String> fragments(int count, int length) {
        return Collections.nCopies(count, "f".repeat(length));
    }

    @Test
    void optionsTakeAFrameSizeBelowTheMessageSizeAndAFragmentLimit() {
        Options o = Options.defaults().withMaxMessageSize(1000).withMaxFrameSize(100).withMaxFragmentsPerMessage(7);
        assertEquals(100, o.maxFrameSize());
        assertEquals(7, o.maxFragmentsPerMessage());
        assertEquals(5000, Options.defaults().withMaxMessageSize(5000).maxFrameSize(),
                "a frame size not set follows the message size");
        assertEquals(100, Options.defaults().withMaxFrameSize(100).withMaxMessageSize(5000).maxFrameSize(),
                "a frame size set stays when the message size changes");
        assertEquals("max fragments per message must be positive, was 0", assertThrows(IllegalArgumentException.class,
                () -> Options.defaults().withMaxFragmentsPerMessage(0)).getMessage());
    }

    @Test
    void aServerTakesFramesUpToItsFrameSizeAndFailsTheConnectionAtOneMore() throws Exception {
        BlockingServer server = serve(Options.defaults().withMaxMessageSize(1000).withMaxFrameSize(100), reporting);
        WebSockets.open(server.url(), Options.defaults().withCompression(false), ws -> {
            ws.send("x".repeat(100));
            ws.send(fragments(10, 100));
            ws.send("x".repeat(101));
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, ws::receive);
            assertEquals(1009, e.code());
            assertEquals("frame payload of 101 bytes exceeds the limit of 100", e.reason());
        });
        assertEquals(100, event());
        assertEquals(1000, event(), "a message over the frame size, in frames within it");
        assertEquals("1009 frame payload of 101 bytes exceeds the limit of 100", event());
    }

    @Test
    void aServerTakesMessagesOfUpToItsMostFragmentsAndFailsTheConnectionAtOneMore() throws Exception {
        BlockingServer server = serve(Options.defaults().withMaxFragmentsPerMessage(3), reporting);
        WebSockets.open(server.url(), Options.defaults(), ws -> {
            ws.send(fragments(3, 5));
            ws.send(fragments(4, 5));
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, ws::receive);
            assertEquals(1009, e.code());
            assertEquals("Text message exceeds 3 frames (maxFragmentsPerMessage)", e.reason());
        });
        assertEquals(15, event());
        assertEquals("1009 Text message exceeds 3 frames (maxFragmentsPerMessage)", event());
    }

    @Test
    void aClientTakesFramesUpToItsFrameSizeAndFailsTheConnectionAtOneMore() throws Exception {
        BlockingServer server = serve(Options.defaults().withCompression(false), ws -> {
            try {
                ws.send("y".repeat(100));
                ws.send(fragments(10, 100));
                ws.send("y".repeat(101));
                ws.receive();
            } catch (ConnectionClosedException e) {
                events.add(e.code() + " " + e.reason());
            }
        });
        Options client = Options.defaults().withMaxMessageSize(1000).withMaxFrameSize(100);
        WebSockets.open(server.url(), client, ws -> {
            assertEquals(100, ((String) ws.receive()).length());
            assertEquals(1000, ((String) ws.receive()).length());
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, ws::receive);
            assertEquals(1009, e.code());
            assertEquals("frame payload of 101 bytes exceeds the limit of 100", e.reason());
        });
        assertEquals("1009 frame payload of 101 bytes exceeds the limit of 100", event(),
                "the server got the client's close frame");
    }

    @Test
    void aClientTakesMessagesOfUpToItsMostFragmentsAndFailsTheConnectionAtOneMore() throws Exception {
        BlockingServer server = serve(ws -> {
            try {
                ws.send(List.of(new byte[] {1}, new byte[] {2}));
                ws.send(List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}));
                ws.receive();
            } catch (ConnectionClosedException e) {
                events.add(e.code() + " " + e.reason());
            }
        });
        WebSockets.open(server.url(), Options.defaults().withMaxFragmentsPerMessage(2), ws -> {
            assertEquals(2, ((byte[]) ws.receive()).length);
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, ws::receive);
            assertEquals(1009, e.code());
            assertEquals("Binary message exceeds 2 frames (maxFragmentsPerMessage)", e.reason());
        });
        assertEquals("1009 Binary message exceeds 2 frames (maxFragmentsPerMessage)", event());
    }
}
