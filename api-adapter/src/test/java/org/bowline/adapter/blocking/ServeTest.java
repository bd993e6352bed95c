package org.bowline.adapter.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** WebSockets.serve and listen: one handler run per connection on its own thread; close and forceClose. */
class ServeTest extends BlockingServerFixture {

    @Test
    void eachConnectionRunsTheHandlerOnAThreadOfItsOwn() throws Exception {
        CountDownLatch bothIn = new CountDownLatch(2);
        BlockingServer server = serve(ws -> {
            bothIn.countDown();
            // Both handlers are inside at once: neither waits for the other's connection to end.
            events.add(bothIn.await(10, TimeUnit.SECONDS) + " " + Thread.currentThread().getName());
            ws.receive();
        });
        assertNotEquals(0, server.port());
        assertEquals("ws://127.0.0.1:" + server.port() + "/", server.url().toString());
        try (RawPeer a = RawPeer.open(server.port()); RawPeer b = RawPeer.open(server.port())) {
            String first = (String) event();
            String second = (String) event();
            assertTrue(first.startsWith("true "), first);
            assertTrue(second.startsWith("true "), second);
            assertNotEquals(first, second);
            assertEquals(2, server.connectionCount());
        }
    }

    @Test
    void handlersRunOnVirtualThreadsWhereTheJdkHasThem() throws Exception {
        boolean jdkHasThem = Runtime.version().feature() >= 21;
        assertEquals(jdkHasThem, WebSockets.virtualThreads());
        BlockingServer server = serve(ws -> {
            events.add(isVirtual(Thread.currentThread()));
            ws.receive();
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            assertEquals(jdkHasThem, event());
        }
    }

    private static boolean isVirtual(Thread thread) {
        try {
            Method isVirtual = Thread.class.getMethod("isVirtual");
            return (Boolean) isVirtual.invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false; // before JDK 21 every thread is a platform thread
        }
    }

    @Test
    void aHandlerThatReturnsClosesWith1000AndOneThatThrowsWith1011() throws Exception {
        AtomicInteger connection = new AtomicInteger();
        BlockingServer server = serve(ws -> {
            if (connection.incrementAndGet() == 2) {
                throw new IllegalStateException("handler bug");
            }
        });
        try (RawPeer ok = RawPeer.open(server.port())) {
            RawPeer.Frame close = ok.readData();
            assertEquals(RawPeer.CLOSE, close.opcode());
            assertEquals(1000, close.closeCode());
            ok.sendClose(1000, "");
            assertTrue(ok.endOfStream());
        }
        try (RawPeer failing = RawPeer.open(server.port())) {
            RawPeer.Frame close = failing.readData();
            assertEquals(1011, close.closeCode());
            assertEquals("The handler failed", close.closeReason());
        }
        try (RawPeer third = RawPeer.open(server.port())) {
            assertEquals(1000, third.readData().closeCode(), "the server carries on after a handler failed");
        }
    }

    @Test
    void forceCloseClosesEveryConnectionWith1001() throws Exception {
        BlockingServer server = serve(ws -> {
            events.add("in");
            try {
                ws.receive();
            } catch (ConnectionClosedException e) {
                events.add(e.code());
            }
        });
        try (RawPeer a = RawPeer.open(server.port()); RawPeer b = RawPeer.open(server.port())) {
            assertEquals("in", event());
            assertEquals("in", event());
            Thread closer = new Thread(() -> {
                try {
                    server.forceClose();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            closer.start();
            for (RawPeer peer : new RawPeer[] {a, b}) {
                RawPeer.Frame close = peer.readData();
                assertEquals(1001, close.closeCode());
                peer.sendClose(1001, "");
            }
            assertEquals(1001, event());
            assertEquals(1001, event());
            closer.join(10_000);
            assertFalse(closer.isAlive());
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", server.port()).close());
        }
    }

    @Test
    void closeRefusesNewConnectionsAndWaitsForTheRunningHandlers() throws Exception {
        BlockingServer server = serve(ws -> {
            for (var msg : ws) {
                ws.send(msg);
            }
            events.add("handler ended");
        });
        try (RawPeer running = RawPeer.open(server.port())) {
            running.sendText("before");
            assertEquals("before", running.read().text());
            CountDownLatch closed = new CountDownLatch(1);
            Thread closer = new Thread(() -> {
                try {
                    server.close();
                    closed.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            closer.start();
            // The running connection is served on; a new one is refused until the server is gone.
            String refused = "";
            for (int i = 0; i < 100 && !refused.startsWith("HTTP/1.1 503"); i++) {
                try (RawPeer late = RawPeer.attempt(server.port())) {
                    refused = late.response;
                }
            }
            assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
            running.sendText("still served");
            assertEquals("still served", running.read().text());
            assertEquals(1, closed.getCount());
            running.sendClose(1000, "");
            assertEquals("handler ended", event());
            assertTrue(closed.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void listenServesUntilTheCallingThreadIsInterrupted() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Thread listener = new Thread(() -> {
            try {
                WebSockets.listen("127.0.0.1", port, ws -> {
                    for (var msg : ws) {
                        ws.send(msg);
                    }
                });
            } catch (InterruptedException e) {
                events.add("interrupted");
            } catch (Exception e) {
                events.add(e);
            }
        });
        listener.start();
        RawPeer peer = null;
        for (int i = 0; i < 100 && peer == null; i++) {
            try {
                peer = RawPeer.open(port);
            } catch (ConnectException e) {
                Thread.sleep(50); // listen is starting up: try again until it accepts
            }
        }
        try (RawPeer p = peer) {
            p.sendText("echo me");
            assertEquals("echo me", p.read().text());
            listener.interrupt();
            assertEquals(1001, p.readData().closeCode());
            p.sendClose(1001, "");
            assertEquals("interrupted", event());
        }
    }

    @Test
    void closeWaitsForThePeersCloseAndThenIsClosed() throws Exception {
        BlockingServer server = serve(ws -> {
            events.add(ws.isClosed());
            ws.close(4000, "server done");
            events.add(ws.isClosed());
            ws.close(); // closing again does nothing
            events.add(assertThrows(ConnectionClosedException.class, ws::receive).code());
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            assertEquals(false, event());
            RawPeer.Frame close = peer.readData();
            assertEquals(4000, close.closeCode());
            assertEquals("server done", close.closeReason());
            assertTrue(events.isEmpty(), "close() still waits for the peer's close frame");
            peer.sendClose(4000, "");
            assertEquals(true, event());
            assertEquals(4000, event());
        }
    }

    @Test
    void aCloseCodeThatMayNotBeSentIsRefusedNamingIt() throws Exception {
        BlockingServer server = serve(ws -> {
            events.add(assertThrows(IllegalArgumentException.class, () -> ws.close(1006, "")).getMessage());
            events.add(assertThrows(IllegalArgumentException.class, () -> ws.close(1000, "x".repeat(124))).getMessage());
        });
        try (RawPeer peer = RawPeer.open(server.port())) {
            assertTrue(((String) event()).contains("1006"));
            assertTrue(((String) event()).contains("123"));
        }
    }
}
