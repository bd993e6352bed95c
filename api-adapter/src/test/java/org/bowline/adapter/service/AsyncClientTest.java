package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AsyncClient}: every frame received reaches the {@link Service}; writes return futures. */
class AsyncClientTest {

    private PeerServer server;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        server = new PeerServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String nextEvent() throws InterruptedException {
        String e = events.poll(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(e, "the service heard nothing in time");
        return e;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes down every callback. */
    private class Recording implements Service {
        @Override
        public void onOpen(Caller caller) {
            events.add("open " + (caller.isOpen() ? "open" : "closed"));
        }

        @Override
        public Object onTextMessage(Caller caller, String text) {
            events.add("text " + text);
            return null;
        }

        @Override
        public Object onBinaryMessage(Caller caller, byte[] data) {
            events.add("binary " + Arrays.toString(data));
            return null;
        }

        @Override
        public void onPong(Caller caller, byte[] data) {
            events.add("pong " + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(Caller caller, int statusCode, String reason) {
            events.add("close " + statusCode + " " + reason);
        }

        @Override
        public void onError(Caller caller, Throwable error) {
            events.add("error " + error.getMessage());
        }
    }

    @Test
    void everyMessageAndControlFrameReachesTheServiceInOrder() throws Exception {
        Service service = new Recording() {
            @Override
            public void onPing(Caller caller, byte[] data) {
                events.add("ping " + new String(data, StandardCharsets.UTF_8));
                caller.pong(utf8("answered " + new String(data, StandardCharsets.UTF_8)));
            }
        };
        AsyncClient client = new AsyncClient(server.url("/echo"), service);
        assertEquals("open open", nextEvent());
        client.writeTextMessage("a");
        assertEquals("text Echo: a", nextEvent());
        client.writeBinaryMessage(new byte[] {1, 2});
        assertEquals("binary [1, 2]", nextEvent());
        client.writeTextMessage("ping p");
        assertEquals("ping p", nextEvent());
        assertEquals("answered p", server.nextPong());
        client.ping(utf8("x"));
        assertEquals("pong x", nextEvent());
        client.writeTextMessage("close 1000 bye");
        assertEquals("close 1000 bye", nextEvent());
        assertNull(server.pongs.poll(), "only the service answered the ping");
    }

    @Test
    void aServiceThatKeepsTheDefaultOnPingIsAnsweredByTheContainer() throws Exception {
        AsyncClient client = new AsyncClient(server.url("/echo"), new Recording());
        assertEquals("open open", nextEvent());
        client.writeTextMessage("ping once");
        assertEquals("once", server.nextPong());
        client.writeTextMessage("after");
        assertEquals("text Echo: after", nextEvent());
        assertNull(server.pongs.poll(), "exactly one pong");
        client.close();
    }

    @Test
    void aValueReturnedFromAMessageCallbackIsSentBack() throws Exception {
        Service service = new Recording() {
            @Override
            public Object onTextMessage(Caller caller, String text) {
                events.add("text " + text);
                return text.equals("Echo: start") ? "second" : null;
            }
        };
        try (AsyncClient client = new AsyncClient(server.url("/echo"), service)) {
            assertEquals("open open", nextEvent());
            client.writeTextMessage("start");
            assertEquals("text Echo: start", nextEvent());
            assertEquals("text Echo: second", nextEvent());
        }
    }

    @Test
    void aCallbackThatThrowsReachesOnErrorAndClosesWith1011() throws Exception {
        Service service = new Recording() {
            @Override
            public Object onTextMessage(Caller caller, String text) {
                throw new IllegalStateException("cannot take " + text);
            }
        };
        AsyncClient client = new AsyncClient(server.url("/echo"), service);
        assertEquals("open open", nextEvent());
        client.writeTextMessage("this");
        assertEquals("error cannot take Echo: this", nextEvent());
        assertEquals(1011, server.nextClose().getCloseCode().getCode());
        assertTrue(nextEvent().startsWith("close 1011"));
    }

    @Test
    void writesReturnFuturesAndAWriteToAClosedClientFailsWithItsCode() throws Exception {
        AsyncClient client = new AsyncClient(server.url("/echo"), new Recording());
        assertEquals("open open", nextEvent());
        assertNull(client.writeTextMessage("quick").get(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("text Echo: quick", nextEvent());
        assertTrue(client.close(4001, "enough", Duration.ofSeconds(5)));
        assertEquals("close 4001 enough", nextEvent());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.writeTextMessage("late").get(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS));
        ConnectionClosureError closure = assertInstanceOf(ConnectionClosureError.class, e.getCause());
        assertEquals(4001, closure.statusCode());
    }

    @Test
    void afterADropTheServiceHearsTheCloseThenTheNewConnectionAndWaitingWritesGoOut() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        RecordingListener listener = new RecordingListener();
        int port = server.port();
        ClientConfiguration config = ClientConfiguration.builder().connectionListener(listener)
                .retry(new RetryConfig(2, Duration.ofMillis(500), 2.0, Duration.ofSeconds(5))).build();
        AsyncClient client = new AsyncClient(server.url("/echo"), config, new Recording(), clock);
        assertEquals("open open", nextEvent());
        server.close();
        assertTrue(nextEvent().startsWith("close 1006"));
        FakeScheduler.Task wait = clock.next();
        assertEquals(Duration.ofMillis(500), wait.delay());
        var first = client.writeTextMessage("one");
        var second = client.writeTextMessage("two");
        assertFalse(first.isDone(), "the write waits for the new connection");
        server = new PeerServer(port, null);
        wait.elapse();
        assertEquals("open open", nextEvent());
        first.get(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS);
        second.get(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("text Echo: one", nextEvent());
        assertEquals("text Echo: two", nextEvent());
        client.close();
    }

    @Test
    void writesThatFailedBecauseTheConnectionDroppedGoOutAgainInTheOrderTheyWereMade() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        BlockingQueue<Integer> echoed = new LinkedBlockingQueue<>();
        Service numbers = new Service() {
            @Override
            public Object onBinaryMessage(Caller caller, byte[] data) {
                echoed.add(ByteBuffer.wrap(data).getInt());
                return null;
            }
        };
        ClientConfiguration config = ClientConfiguration.builder().compression(false).maxFrameSize(1 << 20)
                .retry(new RetryConfig(2, Duration.ofMillis(500), 2.0, Duration.ofSeconds(5))).build();
        SilentPeer silent = new SilentPeer();
        int port = silent.port();
        AsyncClient client = new AsyncClient(silent.url(), config, numbers, clock);
        // The socket buffers take the first writes; then the session's outbound queue holds a few; the
        // rest are refused (queue full). 32 MiB is more than any loopback socket buffers hold.
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            writes.add(client.writeBinaryMessage(ByteBuffer.allocate(64 * 1024).putInt(i).array()));
        }
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> writes.get(writes.size() - 1).get(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(refused.getCause() instanceof ConnectionClosureError, refused.getCause().toString());
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            if (!writes.get(i).isDone()) {
                waiting.add(i); // in the session's queue (or about to be refused)
            }
        }
        silent.close(); // the queued writes fail with 1006, and wait for the new connection
        FakeScheduler.Task wait = clock.next();
        server.close();
        server = new PeerServer(port, null);
        wait.elapse();
        List<Integer> resent = new ArrayList<>();
        for (int i : waiting) {
            try {
                writes.get(i).get(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS);
                resent.add(i);
            } catch (ExecutionException e) {
                assertFalse(e.getCause() instanceof ConnectionClosureError, "write " + i + ": " + e.getCause());
            }
        }
        assertTrue(resent.size() >= 2, "writes sent again: " + resent);
        List<Integer> echoes = new ArrayList<>();
        for (int n = 0; n < resent.size(); n++) {
            echoes.add(echoed.poll(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals(resent, echoes, "each write that failed with the connection goes out again once, in order");
        client.close();
    }
}
