package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Caller may be kept and used from any thread; once closed, writes say so, with the close code. */
class CallerTest {

    private final Listener listener = new Listener(0, ListenerConfiguration.builder().host("127.0.0.1").build());
    private final CompletableFuture<Caller> opened = new CompletableFuture<>();

    @AfterEach
    void stop() {
        listener.immediateStop();
    }

    private URI url() {
        return URI.create("ws://127.0.0.1:" + listener.port() + "/ws");
    }

    private void startKeepingCallers(ServiceConfiguration configuration) throws Exception {
        listener.attach("/ws", request -> new EchoService() {
            @Override
            public void onOpen(Caller caller) {
                opened.complete(caller);
            }
        }, configuration);
        listener.start();
    }

    private Caller caller() throws Exception {
        return opened.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aStoredCallerWritesFromAnotherThread() throws Exception {
        startKeepingCallers(ServiceConfiguration.defaults());
        try (JdkClient client = JdkClient.connect(url())) {
            Caller caller = caller();
            Thread writer = new Thread(() -> {
                caller.writeTextMessage("from another thread");
                caller.writeBinaryMessage(new byte[] {1});
                caller.writeMessage(java.nio.ByteBuffer.wrap(new byte[] {2}));
            });
            writer.start();
            writer.join(10_000);
            assertEquals("from another thread", client.nextText());
            assertEquals(1, client.nextBinary()[0]);
            assertEquals(2, client.nextBinary()[0]);
            assertTrue(caller.isOpen());
            assertFalse(caller.isSecure());
            assertNull(caller.getNegotiatedSubProtocol());
        }
    }

    @Test
    void writingWhileThePeerClosesEndsInAConnectionClosureErrorCarryingThePeersCode() throws Exception {
        startKeepingCallers(ServiceConfiguration.defaults());
        try (JdkClient client = JdkClient.connect(url())) {
            Caller caller = caller();
            CompletableFuture<ConnectionClosureError> failed = CompletableFuture.supplyAsync(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline) {
                    try {
                        caller.writeTextMessage("tick");
                    } catch (ConnectionClosureError e) {
                        return e;
                    }
                }
                return null;
            });
            client.sendText("start closing");
            client.sendClose(4002, "bye now");
            ConnectionClosureError error = failed.get(15, TimeUnit.SECONDS);
            assertTrue(error != null, "writes kept succeeding after the close");
            assertEquals(4002, error.statusCode());
            assertEquals("bye now", error.reason());
            assertTrue(error.getMessage().contains(caller.getConnectionId()) && error.getMessage().contains("4002"),
                    error.getMessage());
            assertFalse(caller.isOpen());
        }
    }

    @Test
    void afterTheServerClosesEveryWriteSaysTheConnectionIsClosedWithItsCode() throws Exception {
        startKeepingCallers(ServiceConfiguration.defaults());
        try (JdkClient client = JdkClient.connect(url())) {
            Caller caller = caller();
            assertTrue(caller.close(4003, "enough", Duration.ofSeconds(10)), "the JDK client answers the close");
            assertEquals(new JdkClient.Closed(4003, "enough"), client.nextClose());
            assertFalse(caller.isOpen());
            for (Runnable write : new Runnable[] {() -> caller.writeTextMessage("x"),
                    () -> caller.writeBinaryMessage(new byte[1]), () -> caller.ping(new byte[0]),
                    () -> caller.pong(new byte[0])}) {
                assertEquals(4003, assertThrows(ConnectionClosureError.class, write::run).statusCode());
            }
        }
    }

    @Test
    void closeWithATimeoutReturnsFalseWhenThePeerNeverAnswers() throws Exception {
        startKeepingCallers(ServiceConfiguration.defaults());
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Caller caller = caller();
            long start = System.nanoTime();
            assertFalse(caller.close(1000, "", Duration.ofMillis(300)), "this peer never sends its close");
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
            InputStream in = socket.getInputStream();
            assertTrue(in.read() >= 0, "the 101 and the close frame were sent");
        }
    }

    @Test
    void attributesBelongToOneCallerAndConnectionIdsDiffer() throws Exception {
        CompletableFuture<Caller> second = new CompletableFuture<>();
        listener.attach("/ws", request -> new EchoService() {
            @Override
            public void onOpen(Caller caller) {
                if (!opened.complete(caller)) {
                    second.complete(caller);
                }
            }
        });
        listener.start();
        try (JdkClient a = JdkClient.connect(url()); JdkClient b = JdkClient.connect(url())) {
            Caller first = caller();
            Caller other = second.get(10, TimeUnit.SECONDS);
            first.setAttribute("user", "ann");
            assertEquals("ann", first.getAttribute("user"));
            assertNull(other.getAttribute("user"));
            assertEquals("ann", first.removeAttribute("user"));
            assertNull(first.getAttribute("user"));
            assertNotEquals(first.getConnectionId(), other.getConnectionId());
        }
    }

    @Test
    void aCloseCodeThatMayNotBeSentIsRefusedNamingIt() throws Exception {
        startKeepingCallers(ServiceConfiguration.defaults());
        try (JdkClient client = JdkClient.connect(url())) {
            Caller caller = caller();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> caller.close(1006, "")).getMessage().contains("1006"));
            assertThrows(IllegalArgumentException.class, () -> caller.writeMessage(42));
            assertTrue(caller.isOpen(), "a refused close leaves the connection open");
            client.assertEchoes("still open");
        }
    }
}
