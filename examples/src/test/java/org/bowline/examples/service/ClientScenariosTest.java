package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The service model's client scenarios ({@code tls-client}, {@code cookie-client}, {@code retry},
 * {@code failover}) run as a user runs them, against Bowline servers the test starts.
 */
class ClientScenariosTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void tlsClientTrustsTheDemoCertificateAndPrintsTheResponse() throws Exception {
        try (EchoPeer peer = EchoPeer.demoTls()) {
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                try (ScenarioProcess client = ScenarioProcess.start("tls-client",
                        "wss://" + host + ":" + peer.port() + "/ws")) {
                    client.awaitLine("Response: Echo: Hello!");
                    assertEquals(0, client.awaitExit(), client.stderr());
                }
            }
        }
    }

    @Test
    void tlsClientThatCannotConnectExits1NamingTheUrl() throws Exception {
        try (ScenarioProcess client = ScenarioProcess.start("tls-client", "wss://127.0.0.1:" + freePort() + "/ws")) {
            assertEquals(1, client.awaitExit());
            assertTrue(client.stderr().contains("wss://127.0.0.1:"), client.stderr());
        }
    }

    @Test
    void cookieClientSendsTheSessionCookieAndPrintsTheResponse() throws Exception {
        try (EchoPeer peer = EchoPeer.plain(0);
             ScenarioProcess client = ScenarioProcess.start("cookie-client", peer.url())) {
            client.awaitLine("Response: Echo: Hello!");
            assertEquals(0, client.awaitExit(), client.stderr());
            assertEquals("session=" + CookieClient.SESSION, peer.cookies.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void retryPingsPrintsRepliesAndReconnectsAfterTheServerDrops() throws Exception {
        EchoPeer peer = EchoPeer.plain(0);
        int port = peer.port();
        try (ScenarioProcess client = ScenarioProcess.start("retry", peer.url())) {
            client.awaitLine("Echo: ping 1");
            client.awaitLine("Echo: ping 2");
            peer.close();
            client.awaitLine("reconnecting in 500 ms (attempt 1)");
            try (EchoPeer again = EchoPeer.plain(port)) {
                client.awaitLine("reconnected");
                String reply = client.awaitLineStartingWith("Echo: ping ");
                int n = Integer.parseInt(reply.substring("Echo: ping ".length()));
                assertTrue(n > 2, reply);
            }
        } finally {
            peer.close();
        }
    }

    @Test
    void retryBacksOffWhileNothingAnswersAndConnectsOnceTheServerIsUp() throws Exception {
        int port = freePort();
        try (ScenarioProcess client = ScenarioProcess.start("retry", "ws://127.0.0.1:" + port + "/ws")) {
            client.awaitLine("reconnecting in 500 ms (attempt 1)");
            client.awaitLine("reconnecting in 1000 ms (attempt 2)");
            try (EchoPeer peer = EchoPeer.plain(port)) {
                client.awaitLine("reconnected");
                client.awaitLine("Echo: ping 1");
            }
        }
    }

    @Test
    void failoverPrintsEveryConnectionAndMovesOnWhenOneFails() throws Exception {
        String dead = "ws://127.0.0.1:" + freePort() + "/ws";
        try (EchoPeer a = EchoPeer.plain(0); EchoPeer b = EchoPeer.plain(0);
             ScenarioProcess client = ScenarioProcess.start("failover", dead, a.url(), b.url())) {
            client.awaitLine("connected to " + a.url());
            a.close();
            client.awaitLine("connected to " + b.url());
            assertFalse(client.seen().stream().anyMatch(line -> line.contains(dead)),
                    "never connected to the dead URL: " + client.seen());
            assertEquals(2, client.seen().size(), "exactly the two connections: " + client.seen());
        }
    }

    @Test
    void aClientScenarioWithoutItsUrlIsAUsageError() throws Exception {
        try (ScenarioProcess client = ScenarioProcess.start("retry")) {
            assertEquals(2, client.awaitExit());
            assertTrue(client.stderr().contains("retry URL"), client.stderr());
        }
    }
}
