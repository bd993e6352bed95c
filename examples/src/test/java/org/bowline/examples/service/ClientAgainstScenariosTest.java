package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bowline.adapter.service.AsyncClient;
import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.Client;
import org.bowline.adapter.service.HandshakeError;
import org.bowline.adapter.service.Service;
import org.junit.jupiter.api.Test;

/**
 * The service model's clients (in-process, and the client scenarios) against its server scenarios,
 * each side as a user runs it.
 */
class ClientAgainstScenariosTest {

    @Test
    void clientAndAsyncClientTalkToServiceEcho() throws Exception {
        try (ScenarioProcess server = ScenarioProcess.start("service-echo", "--port", "0")) {
            String url = server.awaitReady().toString();
            try (Client client = new Client(url)) {
                client.writeTextMessage("Hello!");
                assertEquals("Echo: Hello!", client.readTextMessage());
                client.writeBinaryMessage(new byte[] {7, 8, 9});
                assertArrayEquals(new byte[] {7, 8, 9}, client.readBinaryMessage());
            }
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            try (AsyncClient client = new AsyncClient(url, new Service() {
                @Override
                public Object onTextMessage(Caller caller, String text) {
                    replies.add(text);
                    return null;
                }

                @Override
                public void onPong(Caller caller, byte[] data) {
                    replies.add("pong " + new String(data, StandardCharsets.UTF_8));
                }
            })) {
                client.writeTextMessage("async").get(10, TimeUnit.SECONDS);
                assertEquals("Echo: async", replies.poll(10, TimeUnit.SECONDS));
                client.ping("p".getBytes(StandardCharsets.UTF_8));
                assertEquals("pong p", replies.poll(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void retryAgainstServiceEchoEndsWhenTheServerClosesNormally() throws Exception {
        try (ScenarioProcess server = ScenarioProcess.start("service-echo", "--port", "0")) {
            String url = server.awaitReady().toString();
            try (ScenarioProcess retry = ScenarioProcess.start("retry", url)) {
                retry.awaitLine("Echo: ping 1");
                server.stop(); // a graceful stop closes every connection with 1001: a close frame, not a drop
                assertEquals(0, retry.awaitExit(), "not retried: " + retry.seen() + retry.stderr());
            }
        }
    }

    @Test
    void tlsClientAgainstTheTlsScenario() throws Exception {
        try (ScenarioProcess server = ScenarioProcess.start("tls", "--port", "0")) {
            String url = server.awaitReady().toString();
            assertTrue(url.startsWith("wss://"), url);
            try (ScenarioProcess client = ScenarioProcess.start("tls-client", url)) {
                client.awaitLine("Response: Echo: Hello!");
                assertEquals(0, client.awaitExit(), client.stderr());
            }
        }
    }

    @Test
    void cookieClientAgainstTheCookieScenarioAndAClientWithoutTheCookieRefused() throws Exception {
        try (ScenarioProcess server = ScenarioProcess.start("cookie", "--port", "0")) {
            String url = server.awaitReady().toString();
            try (ScenarioProcess client = ScenarioProcess.start("cookie-client", url)) {
                client.awaitLine("Response: Echo: Hello!");
                assertEquals(0, client.awaitExit(), client.stderr());
            }
            HandshakeError refused = assertThrows(HandshakeError.class, () -> new Client(url));
            assertEquals(401, refused.status());
            assertTrue(refused.getMessage().contains(url), refused.getMessage());
        }
    }
}
