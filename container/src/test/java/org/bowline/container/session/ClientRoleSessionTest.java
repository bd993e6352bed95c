package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.bowline.container.frame.FrameHandler;
import org.bowline.container.frame.FrameParser;
import org.bowline.container.frame.FrameWriter;
import org.bowline.container.frame.Masker;
import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.ProtocolException;
import org.bowline.container.frame.Role;
import org.bowline.container.io.ConnectionHandler;
import org.bowline.container.io.MemoryConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same session engine in the client role, over an in-memory connection: outbound frames are
 * masked, masked inbound frames fail the connection, and after the close handshake the client
 * waits for the server to close TCP, but only for the close timeout.
 */
class ClientRoleSessionTest {

    private MemoryConnection client;
    private MemoryConnection server;
    private final BlockingQueue<Object> serverSaw = new LinkedBlockingQueue<>();
    private final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    private final CountDownLatch serverSideClosed = new CountDownLatch(1);
    private WsSession session;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    /** Decodes what the client sends, as a server would (so unmasked client frames fail). */
    private final class ServerSide implements ConnectionHandler, FrameHandler {
        private final FrameParser parser = new FrameParser(Role.SERVER, this);
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onData(ByteBuffer data) {
            try {
                parser.parse(data);
            } catch (ProtocolException e) {
                serverSaw.add(e);
            }
        }

        @Override
        public void onClosed(IOException cause) {
            serverSideClosed.countDown();
        }

        @Override
        public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
        }

        @Override
        public void onDataPayload(ByteBuffer payload) {
            text.append(StandardCharsets.UTF_8.decode(payload));
        }

        @Override
        public void onDataFrameEnd(boolean fin) {
            if (fin) {
                serverSaw.add(text.toString());
                text.setLength(0);
            }
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            serverSaw.add(opcode == Opcode.CLOSE && payload.remaining() >= 2 ? (Integer) (payload.getShort() & 0xFFFF)
                    : (Object) ("control " + opcode));
        }
    }

    @BeforeEach
    void open() {
        MemoryConnection[] pair = MemoryConnection.pair();
        client = pair[0];
        server = pair[1];
        server.setHandler(new ServerSide());
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closes.add(reason);
            }
        };
        session = new WsSession(new SessionSetup(client, Role.CLIENT, endpoint,
                ClientEndpointConfig.Builder.create().build(), null,
                SessionLimits.defaults().withCloseTimeoutMillis(300), executor,
                "ws://localhost/x", Map.of(), null, Map.of(), null, "", List.of(), null,
                ConcurrentHashMap.newKeySet()));
        session.start(null);
    }

    @AfterEach
    void shut() {
        client.abort();
        server.abort();
        executor.shutdownNow();
    }

    private static ByteBuffer serverFrame(int opcode, byte[] payload, boolean masked) {
        ByteBuffer frame = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH + payload.length);
        FrameWriter.writeHeader(frame, true, 0, opcode, payload.length, masked, 0x01020304);
        ByteBuffer body = ByteBuffer.wrap(payload);
        if (masked) {
            Masker.maskInto(body, frame, 0x01020304, 0);
        } else {
            frame.put(body);
        }
        return frame.flip();
    }

    @Test
    void clientFramesAreMaskedSoTheServerSideAcceptsThem() throws Exception {
        session.getBasicRemote().sendText("masked hello");
        assertEquals("masked hello", serverSaw.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void theApplicationsBufferIsNotModifiedByMasking() throws Exception {
        byte[] data = "keep me".getBytes(StandardCharsets.UTF_8);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        assertEquals("keep me", serverSaw.poll(5, TimeUnit.SECONDS));
        assertEquals("keep me", new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void aMaskedFrameFromTheServerFailsTheConnectionWith1002() throws Exception {
        server.write(new ByteBuffer[] {serverFrame(Opcode.TEXT, "hi".getBytes(StandardCharsets.UTF_8), true)}, null);
        assertEquals(1002, serverSaw.poll(5, TimeUnit.SECONDS));
        assertEquals(1002, closes.poll(5, TimeUnit.SECONDS).getCloseCode().getCode());
    }

    @Test
    void afterTheCloseHandshakeTheClientWaitsForTheServerToCloseTcpThenGivesUp() throws Exception {
        server.write(new ByteBuffer[] {serverFrame(Opcode.CLOSE, new byte[] {0x03, (byte) 0xE8}, false)}, null);
        assertEquals(1000, serverSaw.poll(5, TimeUnit.SECONDS), "the client echoes the close code");
        CloseReason reason = closes.poll(5, TimeUnit.SECONDS);
        assertNotNull(reason);
        assertEquals(1000, reason.getCloseCode().getCode());
        assertTrue(client.isOpen(), "the client leaves closing TCP to the server at first");
        // The server never closes TCP: the client does so itself after its 300 ms close timeout.
        assertTrue(serverSideClosed.await(5, TimeUnit.SECONDS));
        List<Object> rest = new ArrayList<>();
        serverSaw.drainTo(rest);
        assertEquals(List.of(), rest, "nothing may follow the close frame");
    }
}
