package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every Service callback is reached with the right arguments; what message callbacks return is sent back. */
class ServiceCallbacksTest {

    private final Listener listener = new Listener(0, ListenerConfiguration.builder().host("127.0.0.1").build());
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        listener.immediateStop();
    }

    private URI url(String path) {
        return URI.create("ws://127.0.0.1:" + listener.port() + path);
    }

    private String nextCall() throws InterruptedException {
        String call = calls.poll(10, TimeUnit.SECONDS);
        assertTrue(call != null, "no callback ran in time");
        return call;
    }

    /** Records each callback as a line; answers as the message asks. */
    private final class Recording implements Service {
        @Override
        public void onOpen(Caller caller) {
            calls.add("open " + (caller.getNegotiatedSubProtocol() == null) + " " + caller.isSecure());
        }

        @Override
        public Object onTextMessage(Caller caller, String text) {
            calls.add("text " + text);
            return switch (text) {
                case "bytes" -> new byte[] {1, 2, 3};
                case "buffer" -> ByteBuffer.wrap(new byte[] {4, 5});
                case "close" -> new CloseFrame(4001, "asked to");
                case "nothing" -> null;
                case "fail" -> throw new IllegalStateException("the service failed on purpose");
                default -> "Echo: " + text;
            };
        }

        @Override
        public Object onBinaryMessage(Caller caller, byte[] data) {
            calls.add("binary " + data.length);
            return data;
        }

        @Override
        public void onPong(Caller caller, byte[] data) {
            calls.add("pong " + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(Caller caller, int statusCode, String reason) {
            calls.add("close " + statusCode + " " + reason);
        }

        @Override
        public void onError(Caller caller, Throwable error) {
            calls.add("error " + error.getMessage());
        }
    }

    @Test
    void messagesReachTheirCallbacksAndReturnValuesAreSentBackAsTextOrBinary() throws Exception {
        listener.attach("/ws", request -> new Recording());
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            assertEquals("open true false", nextCall());
            client.assertEchoes("hi");
            assertEquals("text hi", nextCall());
            client.sendText("bytes");
            assertArrayEquals(new byte[] {1, 2, 3}, client.nextBinary());
            client.sendText("buffer");
            assertArrayEquals(new byte[] {4, 5}, client.nextBinary());
            client.sendBinary(new byte[] {9, 8, 7, 6});
            assertArrayEquals(new byte[] {9, 8, 7, 6}, client.nextBinary());
            client.sendText("nothing");
            client.sendPong("unsolicited");
            client.assertEchoes("after nothing");
            assertEquals(List.of("text bytes", "text buffer", "binary 4", "text nothing", "pong unsolicited",
                    "text after nothing"), List.of(nextCall(), nextCall(), nextCall(), nextCall(), nextCall(), nextCall()));
        }
    }

    @Test
    void aReturnedCloseFrameClosesWithItsCodeAndReasonAndOnCloseHearsThePeersReply() throws Exception {
        listener.attach("/ws", request -> new Recording());
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            nextCall();
            client.sendText("close");
            assertEquals(new JdkClient.Closed(4001, "asked to"), client.nextClose());
            // The JDK client answers the close by itself once it has seen it.
            assertEquals("text close", nextCall());
            assertEquals("close 4001 asked to", nextCall());
        }
    }

    @Test
    void theClientsCloseReachesOnCloseWithItsCodeAndReason() throws Exception {
        listener.attach("/ws", request -> new Recording());
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            nextCall();
            client.sendClose(4100, "done here");
            assertEquals("close 4100 done here", nextCall());
            assertEquals(4100, client.nextClose().code(), "the server answers the close with its code");
        }
    }

    @Test
    void aCallbackExceptionReachesOnErrorAndClosesThatConnectionWith1011Only() throws Exception {
        listener.attach("/ws", request -> new Recording());
        listener.start();
        try (JdkClient failing = JdkClient.connect(url("/ws")); JdkClient other = JdkClient.connect(url("/ws"))) {
            nextCall();
            nextCall();
            failing.sendText("fail");
            assertEquals(1011, failing.nextClose().code());
            assertEquals("text fail", nextCall());
            assertEquals("error the service failed on purpose", nextCall());
            other.assertEchoes("unaffected");
        }
    }

    @Test
    void callbacksOfOneConnectionRunOneAtATimeInOrder() throws Exception {
        StringBuilder seen = new StringBuilder();
        listener.attach("/ws", request -> new Service() {
            private volatile boolean busy;

            @Override
            public Object onTextMessage(Caller caller, String text) {
                if (busy) {
                    return "overlap";
                }
                busy = true;
                seen.append(text).append(',');
                Thread.onSpinWait();
                busy = false;
                return text.equals("99") ? seen.toString() : null;
            }
        });
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                client.sendText(Integer.toString(i));
                expected.append(i).append(',');
            }
            assertEquals(expected.toString(), client.nextText());
        }
    }

    @Test
    void aServiceWithNoCallbacksStillOpensAndClosesQuietly() throws Exception {
        listener.attach("/ws", request -> new Service() { }, ServiceConfiguration.builder()
                .connectionClosureTimeout(Duration.ofSeconds(5)).build());
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            client.sendText("ignored");
            client.sendClose(1000, "");
            assertEquals(1000, client.nextClose().code());
        }
    }
}
