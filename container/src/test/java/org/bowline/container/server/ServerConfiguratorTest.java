package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.handshake.HandshakeRejection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configurator hooks and endpoint registration on the standalone server. */
class ServerConfiguratorTest {

    private static BowlineServer server;

    /** Refuses every handshake whose X-Token header is wrong, with its own status and header. */
    static class Guard extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> token = request.getHeaders().get("x-token");
            if (token == null || !token.contains("secret")) {
                throw new HandshakeRefusedException(
                        HandshakeRejection.of(401, "token required", "WWW-Authenticate", "Token"));
            }
            response.getHeaders().put("X-Welcome", List.of("yes"));
        }

        @Override
        public boolean checkOrigin(String origin) {
            return origin == null || origin.equals("https://good.example");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = BowlineServer.builder().port(0).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/guarded")
                .configurator(new Guard()).subprotocols(List.of("v1", "v2")).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/rooms/{room}").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/rooms/lobby").build());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String handshake(String path, String headers) throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + headers + "\r\n");
            return c.readHead();
        }
    }

    @Test
    void anUpgradeHookRefusesTheHandshakeWithItsOwnStatusAndHeaders() throws IOException {
        String head = handshake("/guarded", "");
        assertTrue(head.startsWith("HTTP/1.1 401"), head);
        assertTrue(head.contains("WWW-Authenticate: Token"), head);
    }

    @Test
    void modifyHandshakeAddsResponseHeaders() throws IOException {
        String head = handshake("/guarded", "X-Token: secret\r\n");
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        assertTrue(head.contains("X-Welcome: yes"), head);
    }

    @Test
    void checkOriginFalseGets403() throws IOException {
        String head = handshake("/guarded", "X-Token: secret\r\nOrigin: https://evil.example\r\n");
        assertTrue(head.startsWith("HTTP/1.1 403"), head);
    }

    @Test
    void subprotocolIsChosenInTheClientsOrderOfPreference() throws IOException {
        String head = handshake("/guarded", "X-Token: secret\r\nSec-WebSocket-Protocol: v3, v2, v1\r\n");
        assertTrue(head.contains("Sec-WebSocket-Protocol: v2"), head);
    }

    @Test
    void noCommonSubprotocolMeansNoProtocolHeader() throws IOException {
        String head = handshake("/guarded", "X-Token: secret\r\nSec-WebSocket-Protocol: v9\r\n");
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        assertTrue(!head.contains("Sec-WebSocket-Protocol"), head);
    }

    @Test
    void anExactSegmentBeatsATemplateSegment() {
        assertEquals("/rooms/lobby", server.container().match("/rooms/lobby").template().template());
        var match = server.container().match("/rooms/kitchen");
        assertEquals("/rooms/{room}", match.template().template());
        assertEquals("kitchen", match.pathParameters().get("room"));
    }

    @Test
    void aPathThatClashesWithARegisteredOneIsRefused() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> server.container().addEndpoint(
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/rooms/{other}").build()));
        assertTrue(e.getMessage().contains("/rooms/{room}"), e.getMessage());
    }

    @Test
    void aClassThatIsNotAnEndpointIsRefusedNamingIt() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> server.container().addEndpoint(
                ServerEndpointConfig.Builder.create(String.class, "/s").build()));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }
}
