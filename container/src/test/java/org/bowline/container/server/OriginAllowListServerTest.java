package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The container's origin allow-list refuses with 403 before any of the endpoint's code runs. */
class OriginAllowListServerTest {

    private static final AtomicInteger CHECKS = new AtomicInteger();
    private static final AtomicInteger OPENS = new AtomicInteger();

    public static class CountingConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            CHECKS.incrementAndGet();
            return true;
        }
    }

    public static class CountingEcho extends EchoEndpoint {
        @Override
        public void onOpen(jakarta.websocket.Session session, jakarta.websocket.EndpointConfig config) {
            OPENS.incrementAndGet();
            super.onOpen(session, config);
        }
    }

    private BowlineServer server;

    @BeforeEach
    void start() throws Exception {
        CHECKS.set(0);
        OPENS.set(0);
        server = BowlineServer.builder().port(0).build();
        server.container().setAllowedOrigins(List.of("https://app.example.org", "*.example.com"));
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(CountingEcho.class, "/echo")
                .configurator(new CountingConfigurator()).build());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aRefusedOriginGets403AndTheEndpointNeverHearsOfIt() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: https://evil.example.net\r\n\r\n");
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 403"), head);
        }
        assertEquals(0, CHECKS.get(), "checkOrigin ran for a refused origin");
        assertEquals(0, OPENS.get());
    }

    @Test
    void listedOriginsAndPatternsAreUpgradedAndStillPassCheckOrigin() throws Exception {
        for (String origin : List.of("https://app.example.org", "https://eu.example.com")) {
            try (RawClient c = RawClient.connect(server.port(), "/echo", "Origin: " + origin + "\r\n")) {
                c.sendText("hi");
                assertEquals("hi", new String(c.readFrame().payload()));
            }
        }
        assertEquals(2, CHECKS.get());
    }
}
