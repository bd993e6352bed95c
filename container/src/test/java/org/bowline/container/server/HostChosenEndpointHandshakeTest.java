package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.handshake.HttpHeaders;
import org.bowline.container.handshake.HttpRequestHead;
import org.bowline.container.io.MemoryConnection;
import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ServerContainer.upgradeHttpToWebSocket (Jakarta WebSocket 2.2, section 6.8): the host names the
 * endpoint configuration and path parameters itself, and the container delegates to the host's
 * {@link UpgradeBridge}.
 */
class HostChosenEndpointHandshakeTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final BowlineServerContainer container = new BowlineServerContainer(SessionLimits.defaults(), executor, false);

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    /** Reports the path parameters its session was opened with. */
    public static class ParameterProbe extends Endpoint {
        static final CompletableFuture<Map<String, String>> SEEN = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            SEEN.complete(session.getPathParameters());
        }
    }

    /** Reports the names of its path parameters, in the order getPathParameters() iterates them. */
    public static class OrderProbe extends Endpoint {
        static final CompletableFuture<List<String>> SEEN = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            SEEN.complete(List.copyOf(session.getPathParameters().keySet()));
        }
    }

    private static HttpRequestHead upgrade(String target, boolean withKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Host", "example.com");
        headers.add("Upgrade", "websocket");
        headers.add("Connection", "Upgrade");
        headers.add("Sec-WebSocket-Version", "13");
        if (withKey) {
            headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        }
        return new HttpRequestHead("GET", target, "HTTP/1.1", headers);
    }

    @Test
    void anUnregisteredConfigurationIsServedWithTheGivenPathParameters() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ParameterProbe.class, "/any/{id}").build();
        UpgradeOutcome outcome = new ServerHandshaker(container).negotiate(
                UpgradeRequest.anonymous(upgrade("/app/chosen-by-host", true), false), config, Map.of("id", "42"));

        UpgradeOutcome.Accepted accepted = assertInstanceOf(UpgradeOutcome.Accepted.class, outcome);
        MemoryConnection[] pair = MemoryConnection.pair();
        accepted.open(pair[0]).start(null);
        assertEquals(Map.of("id", "42"), ParameterProbe.SEEN.get(10, TimeUnit.SECONDS));
    }

    @Test
    void thePathParametersKeepTheOrderTheHostGaveThem() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(OrderProbe.class,
                "/{p0}/{p1}/{p2}/{p3}/{p4}/{p5}/{p6}/{p7}/{p8}/{p9}").build();
        Map<String, String> given = new java.util.LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            names.add("p" + i);
            given.put("p" + i, "v" + i);
        }
        UpgradeOutcome outcome = new ServerHandshaker(container).negotiate(
                UpgradeRequest.anonymous(upgrade("/app/ordered", true), false), config, given);

        UpgradeOutcome.Accepted accepted = assertInstanceOf(UpgradeOutcome.Accepted.class, outcome);
        accepted.open(MemoryConnection.pair()[0]).start(null);
        assertEquals(names, OrderProbe.SEEN.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theRequestRulesStillApplyToAHostChosenEndpoint() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ParameterProbe.class, "/x").build();
        UpgradeOutcome outcome = new ServerHandshaker(container).negotiate(
                UpgradeRequest.anonymous(upgrade("/x", false), false), config, Map.of());

        UpgradeOutcome.Rejected rejected = assertInstanceOf(UpgradeOutcome.Rejected.class, outcome);
        assertEquals(400, rejected.rejection().status());
    }

    @Test
    void withoutAHostUpgradeHttpToWebSocketNamesWhatIsMissing() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ParameterProbe.class, "/x").build();
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.upgradeHttpToWebSocket(new Object(), new Object(), config, Map.of()));
        assertTrue(e.getMessage().contains("upgradeHttpToWebSocket"), e.getMessage());
    }

    @Test
    void upgradeHttpToWebSocketHandsEverythingToTheInstalledBridge() throws Exception {
        List<Object> received = new ArrayList<>();
        container.setUpgradeBridge((request, response, sec, pathParameters) -> {
            received.add(request);
            received.add(response);
            received.add(sec);
            received.add(pathParameters);
        });
        Object request = new Object();
        Object response = new Object();
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ParameterProbe.class, "/x").build();

        container.upgradeHttpToWebSocket(request, response, config, Map.of("a", "b"));

        assertEquals(4, received.size());
        assertSame(request, received.get(0));
        assertSame(response, received.get(1));
        assertSame(config, received.get(2));
        assertEquals(Map.of("a", "b"), received.get(3));
    }
}
