package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Retry and failover of a {@link Client}, over real sockets, with the waits between attempts taken
 * from a {@link FakeScheduler}: the test checks each delay and then lets it pass.
 */
class ReconnectTest {

    private static final RetryConfig RETRY = new RetryConfig(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3));

    private final FakeScheduler clock = new FakeScheduler();
    private final RecordingListener listener = new RecordingListener();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private ClientConfiguration.Builder config() {
        return ClientConfiguration.builder().connectionListener(listener);
    }

    /** The constructor blocks through the retries, so it runs on another thread while the test moves the clock. */
    private CompletableFuture<Client> connectInBackground(String url, ClientConfiguration config) {
        return CompletableFuture.supplyAsync(() -> new Client(url, config, clock));
    }

    private static Client await(CompletableFuture<Client> pending) throws Exception {
        return pending.get(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aFailedConnectIsRetriedWithBackOffUntilMaxCount() throws Exception {
        String url = "ws://127.0.0.1:" + freePort() + "/echo";
        CompletableFuture<Client> pending = connectInBackground(url, config().retry(RETRY).build());
        for (long expected : new long[] {1000, 2000, 3000}) {
            FakeScheduler.Task wait = clock.next();
            assertEquals(Duration.ofMillis(expected), wait.delay());
            wait.elapse();
        }
        CompletionException e = assertThrows(CompletionException.class, pending::join);
        assertInstanceOf(ConnectError.class, e.getCause());
        assertEquals(List.of("attempt 1 to " + url + " in 1000 ms", "attempt 2 to " + url + " in 2000 ms",
                "attempt 3 to " + url + " in 3000 ms", "gave up: ConnectError"), listener.events);
        assertTrue(clock.isIdle(), "no fourth attempt");
    }

    @Test
    void aServerThatComesUpDuringTheRetriesIsReached() throws Exception {
        int port = freePort();
        String url = "ws://127.0.0.1:" + port + "/echo";
        CompletableFuture<Client> pending = connectInBackground(url, config().retry(RETRY).build());
        clock.next().elapse(); // attempt 1: nobody there yet
        FakeScheduler.Task second = clock.next();
        assertEquals(Duration.ofMillis(2000), second.delay());
        try (PeerServer server = new PeerServer(port, null)) {
            second.elapse();
            try (Client client = await(pending)) {
                client.writeTextMessage("hi");
                assertEquals("Echo: hi", client.readTextMessage());
            }
        }
        assertEquals(List.of("attempt 1 to " + url + " in 1000 ms", "attempt 2 to " + url + " in 2000 ms",
                "connected " + url), listener.events);
    }

    @Test
    void anAbnormalCloseReconnectsAndAWriteMeanwhileGoesOutOnTheNewConnection() throws Exception {
        PeerServer server = new PeerServer();
        int port = server.port();
        String url = server.url("/echo");
        Client client = new Client(url, config().retry(RETRY).build(), clock);
        server.close(); // TCP ends without a close frame: 1006
        FakeScheduler.Task wait = clock.next();
        assertEquals(Duration.ofMillis(1000), wait.delay());
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> client.writeTextMessage("while away"));
        try (PeerServer again = new PeerServer(port, null)) {
            wait.elapse();
            write.get(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("Echo: while away", client.readTextMessage());
            client.close();
        }
        assertEquals(List.of("connected " + url, "attempt 1 to " + url + " in 1000 ms", "reconnected " + url),
                listener.events);
    }

    @Test
    void aWriteThatFailedBecauseTheConnectionDroppedIsSentAgainAfterTheReconnect() throws Exception {
        SilentPeer silent = new SilentPeer();
        int port = silent.port();
        String url = silent.url();
        int count = 64;
        ClientConfiguration config = config().retry(RETRY).compression(false).maxFrameSize(1 << 20).build();
        Client client = new Client(url, config, clock);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                byte[] message = new byte[512 * 1024];
                message[0] = (byte) i;
                client.writeBinaryMessage(message);
                written.incrementAndGet();
            }
        }, "writer");
        writer.start();
        awaitBlockedInASend(writer);
        int blocked = written.get(); // the write of message number `blocked` waits for a peer that never reads
        silent.close(); // and now the connection drops under it
        FakeScheduler.Task wait = clock.next();
        try (PeerServer server = new PeerServer(port, null)) {
            wait.elapse();
            writer.join(TimeUnit.SECONDS.toMillis(PeerServer.WAIT_SECONDS));
            assertEquals(count, written.get(), "every write returned");
            // what went to the silent peer is lost; the write it was stuck in went out again, then the rest
            for (int i = blocked; i < count; i++) {
                assertEquals(i, client.readBinaryMessage()[0], "echo of message " + i);
            }
            client.close();
        }
    }

    /** Waits until {@code writer} waits inside the session's send (its write cannot complete). */
    private static void awaitBlockedInASend(Thread writer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PeerServer.WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Thread.State state = writer.getState();
            if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) && Arrays.stream(
                    writer.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("org.bowline.container.session"))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the writer never had to wait for the peer");
    }

    @Test
    void aNormalCloseByTheServerIsNotRetried() throws Exception {
        try (PeerServer server = new PeerServer()) {
            String url = server.url("/echo");
            Client client = new Client(url, config().retry(RETRY).build(), clock);
            client.writeTextMessage("close 1000 bye");
            // the reader learns the end: had a reconnect started, it would wait for its messages instead
            ConnectionClosureError e = assertThrows(ConnectionClosureError.class, client::readTextMessage);
            assertEquals(1000, e.statusCode());
            assertTrue(clock.isIdle(), "no reconnect was scheduled");
            assertEquals(List.of("connected " + url), listener.events);
        }
    }

    @Test
    void failoverMovesToTheNextTargetInOrder() throws Exception {
        String dead = "ws://127.0.0.1:" + freePort() + "/echo";
        try (PeerServer a = new PeerServer(); PeerServer b = new PeerServer()) {
            String urlA = a.url("/echo");
            String urlB = b.url("/echo");
            FailoverConfig failover = new FailoverConfig(List.of(dead, urlA, urlB), Duration.ofMillis(250));
            CompletableFuture<Client> pending = connectInBackground(dead, config().failover(failover).build());
            FakeScheduler.Task wait = clock.next();
            assertEquals(Duration.ofMillis(250), wait.delay());
            wait.elapse();
            try (Client client = await(pending)) {
                assertEquals(urlA, client.getUrl());
                a.close(); // A drops: on to B
                wait = clock.next();
                assertEquals(Duration.ofMillis(250), wait.delay());
                wait.elapse();
                client.writeTextMessage("hi");
                assertEquals("Echo: hi", client.readTextMessage());
                assertEquals(urlB, client.getUrl());
            }
            assertEquals(List.of("attempt 1 to " + urlA + " in 250 ms", "connected " + urlA,
                    "attempt 1 to " + urlB + " in 250 ms", "reconnected " + urlB), listener.events);
        }
    }

    @Test
    void failoverGivesUpOnceEveryTargetFailedInARow() throws Exception {
        List<String> dead = List.of("ws://127.0.0.1:" + freePort() + "/a", "ws://127.0.0.1:" + freePort() + "/b",
                "ws://127.0.0.1:" + freePort() + "/c");
        CompletableFuture<Client> pending = connectInBackground(dead.get(0),
                config().failover(new FailoverConfig(dead, Duration.ofMillis(100))).build());
        clock.next().elapse();
        clock.next().elapse();
        CompletionException e = assertThrows(CompletionException.class, pending::join);
        assertInstanceOf(ConnectError.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains(dead.get(2)), e.getCause().getMessage());
        assertEquals(List.of("attempt 1 to " + dead.get(1) + " in 100 ms", "attempt 2 to " + dead.get(2) + " in 100 ms",
                "gave up: ConnectError"), listener.events);
    }
}
