package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pings are answered with a pong automatically, unless the service handles onPing itself. */
class PingPongTest {

    private final Listener listener = new Listener(0, ListenerConfiguration.builder().host("127.0.0.1").build());

    @AfterEach
    void stop() {
        listener.immediateStop();
    }

    private URI url(String path) {
        return URI.create("ws://127.0.0.1:" + listener.port() + path);
    }

    @Test
    void aServiceThatDoesNotHandlePingsHasThemAnsweredWithTheSameData() throws Exception {
        listener.attach("/ws", request -> new EchoService());
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            client.sendPing("are you there");
            assertEquals(new JdkClient.Pong("are you there"), client.next());
        }
    }

    @Test
    void aServiceThatHandlesPingsAnswersThemItselfAndNoAutomaticPongIsSent() throws Exception {
        listener.attach("/ws", request -> new EchoService() {
            @Override
            public void onPing(Caller caller, byte[] data) {
                caller.writeTextMessage("saw ping " + new String(data, StandardCharsets.UTF_8));
                caller.pong("mine".getBytes(StandardCharsets.UTF_8));
            }
        });
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            client.sendPing("p1");
            // An automatic pong would come first: it leaves before any callback runs.
            assertEquals(new JdkClient.Text("saw ping p1"), client.next());
            assertEquals(new JdkClient.Pong("mine"), client.next());
        }
    }

    @Test
    void theServerPingsThroughTheCallerAndOnPongHearsTheAnswer() throws Exception {
        java.util.concurrent.CompletableFuture<String> pong = new java.util.concurrent.CompletableFuture<>();
        listener.attach("/ws", request -> new EchoService() {
            @Override
            public void onOpen(Caller caller) {
                caller.ping("hello?".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void onPong(Caller caller, byte[] data) {
                pong.complete(new String(data, StandardCharsets.UTF_8));
            }
        });
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            assertEquals(new JdkClient.Ping("hello?"), client.next());
            assertEquals("hello?", pong.get(10, java.util.concurrent.TimeUnit.SECONDS), "the JDK client pongs back");
        }
    }
}
