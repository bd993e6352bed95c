package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.Test;

/**
 * Stopping the server closes every session with 1001, waits (bounded) for the close handshakes, closes
 * what is left, and leaves no thread and no file descriptor behind.
 */
class GracefulStopTest {

    private static final BlockingQueue<CloseReason> CLOSES = new LinkedBlockingQueue<>();

    public static class RecordingEcho extends EchoEndpoint {
        @Override
        public void onClose(Session session, CloseReason reason) {
            CLOSES.add(reason);
        }
    }

    @Test
    void stopSendsGoingAwayWaitsForTheCloseHandshakesAndLeavesNoThreadOrDescriptor() throws Exception {
        runOnce(); // the first run loads classes and opens the JVM's own lazily opened files
        CLOSES.clear();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int fdsBefore = openFileDescriptors();

        long stopMillis = runOnce();

        // The polite peer completed the handshake (1001); the deaf one never sent its close frame, so its
        // session ends abnormally (1006, RFC 6455 7.1.5) when the grace runs out.
        assertEquals(Set.of(1001, 1006), Set.of(CLOSES.poll(5, TimeUnit.SECONDS).getCloseCode().getCode(),
                CLOSES.poll(5, TimeUnit.SECONDS).getCloseCode().getCode()), "onClose of both sessions");
        assertTrue(stopMillis < 5_000, "stop took " + stopMillis + " ms with a 1 s grace");
        Set<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && t.getName().startsWith("bowline-"))
                .map(Thread::getName).collect(Collectors.toSet());
        assertEquals(Set.of(), left, "threads the server left running");
        if (fdsBefore >= 0) {
            assertEquals(fdsBefore, openFileDescriptors(), "file descriptors after stop");
        }
    }

    /** One server with a polite client, a client that never answers the close, and one mid-handshake. */
    private static long runOnce() throws Exception {
        BowlineServer server = BowlineServer.builder().port(0).stopGraceMillis(1000).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(RecordingEcho.class, "/echo").build());
        server.start();
        try (RawClient polite = RawClient.connect(server.port(), "/echo");
             RawClient deaf = RawClient.connect(server.port(), "/echo");
             RawClient halfway = new RawClient(server.port())) {
            polite.sendText("up");
            assertEquals("up", new String(polite.readFrame().payload()));
            deaf.sendText("up");
            assertEquals("up", new String(deaf.readFrame().payload()));
            halfway.send("GET /echo HTTP/1.1\r\n");

            Thread politeReply = new Thread(() -> {
                try {
                    RawClient.Frame close = polite.readFrame();
                    assertEquals(1001, close.closeCode());
                    polite.sendFrame(true, 8, RawClient.closePayload(1001, ""));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            politeReply.start();
            long start = System.nanoTime();
            server.stopGracefully();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            politeReply.join(5000);

            RawClient.Frame goingAway = deaf.readFrame();
            assertEquals(8, goingAway.opcode());
            assertEquals(1001, goingAway.closeCode());
            assertTrue(deaf.awaitEof(), "the connection that never answered is closed");
            assertTrue(polite.awaitEof(), "the polite connection is closed");
            assertTrue(halfway.awaitEof(), "the connection still in its handshake is closed");
            return millis;
        }
    }

    /** Open descriptors of this process on Linux; -1 elsewhere. */
    private static int openFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
