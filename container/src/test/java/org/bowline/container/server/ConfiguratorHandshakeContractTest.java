package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.extension.NegotiatedExtension;
import org.bowline.container.handshake.HttpHeaders;
import org.bowline.container.handshake.HttpRequestHead;
import org.bowline.container.io.MemoryConnection;
import org.bowline.container.session.SessionLimits;
import org.bowline.container.session.WsSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link ServerEndpointConfig.Configurator} sees and decides during the opening handshake:
 * the request parameters (HandshakeRequest.getParameterMap), a per-connection copy of the user
 * properties ("Handshake Modification"; Session.getUserProperties), the extensions it negotiates
 * (Configurator.getNegotiatedExtensions; RFC 6455 section 9.1), and the deployment failures the
 * container reports to its host (section 5.2.1).
 */
class ConfiguratorHandshakeContractTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    public static class Quiet extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    /** Records what modifyHandshake and getNegotiatedExtensions were given. */
    static class Recorder extends ServerEndpointConfig.Configurator {
        final List<Map<String, List<String>>> parameterMaps = new ArrayList<>();
        final List<Map<String, Object>> userPropertiesSeen = new ArrayList<>();
        final List<ServerEndpointConfig> configsSeen = new ArrayList<>();
        List<Extension> installed;
        List<Extension> requested;

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            parameterMaps.add(request.getParameterMap());
            configsSeen.add(sec);
            userPropertiesSeen.add(new HashMap<>(sec.getUserProperties()));
            sec.getUserProperties().remove("shared");
            sec.getUserProperties().put("mine", "connection " + configsSeen.size());
        }

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            this.installed = List.copyOf(installed);
            this.requested = List.copyOf(requested);
            return super.getNegotiatedExtensions(installed, requested);
        }
    }

    private static HttpRequestHead upgrade(String target, String extensions) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Host", "example.com");
        headers.add("Upgrade", "websocket");
        headers.add("Connection", "Upgrade");
        headers.add("Sec-WebSocket-Version", "13");
        headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        if (extensions != null) {
            headers.add("Sec-WebSocket-Extensions", extensions);
        }
        return new HttpRequestHead("GET", target, "HTTP/1.1", headers);
    }

    private UpgradeOutcome.Accepted accept(BowlineServerContainer container, String target, String extensions) {
        UpgradeOutcome outcome = new ServerHandshaker(container).negotiate(
                UpgradeRequest.anonymous(upgrade(target, extensions), false));
        return assertInstanceOf(UpgradeOutcome.Accepted.class, outcome, () -> outcome.toString());
    }

    private BowlineServerContainer container(boolean deflate, ServerEndpointConfig config) throws DeploymentException {
        BowlineServerContainer container = new BowlineServerContainer(SessionLimits.defaults(), executor, deflate);
        container.addEndpoint(config);
        return container;
    }

    private static List<String> names(List<Extension> extensions) {
        return extensions.stream().map(Extension::getName).toList();
    }

    @Test
    void theParameterMapHoldsTheQueryAndThePathParameters() throws Exception {
        Recorder recorder = new Recorder();
        BowlineServerContainer container = container(false, ServerEndpointConfig.Builder
                .create(Quiet.class, "/rooms/{room}/{user}").configurator(recorder).build());

        UpgradeOutcome.Accepted accepted = accept(container, "/rooms/blue/ann?q=1&q=2", null);

        Map<String, List<String>> expected = Map.of("q", List.of("1", "2"), "room", List.of("blue"),
                "user", List.of("ann"));
        assertEquals(expected, recorder.parameterMaps.get(0));
        assertThrows(UnsupportedOperationException.class, () -> recorder.parameterMaps.get(0).put("x", List.of()));
        WsSession session = accepted.open(MemoryConnection.pair()[0]);
        assertEquals(expected, session.getRequestParameterMap());
    }

    @Test
    void aPathParameterReplacesAQueryParameterOfTheSameName() throws Exception {
        Recorder recorder = new Recorder();
        BowlineServerContainer container = container(false, ServerEndpointConfig.Builder
                .create(Quiet.class, "/rooms/{room}").configurator(recorder).build());

        accept(container, "/rooms/blue?room=red&x=1", null);

        assertEquals(Map.of("room", List.of("blue"), "x", List.of("1")), recorder.parameterMaps.get(0));
    }

    @Test
    void modifyHandshakeChangesOnlyItsOwnConnectionsCopyOfTheUserProperties() throws Exception {
        Recorder recorder = new Recorder();
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Quiet.class, "/p").configurator(recorder)
                .build();
        config.getUserProperties().put("shared", "from the config");
        BowlineServerContainer container = container(false, config);

        WsSession first = accept(container, "/p", null).open(MemoryConnection.pair()[0]);
        WsSession second = accept(container, "/p", null).open(MemoryConnection.pair()[0]);

        // Each handshake starts from the deployed properties, untouched by the one before.
        assertEquals(Map.of("shared", "from the config"), recorder.userPropertiesSeen.get(0));
        assertEquals(Map.of("shared", "from the config"), recorder.userPropertiesSeen.get(1));
        assertEquals(Map.of("shared", "from the config"), config.getUserProperties());
        assertNotSame(config, recorder.configsSeen.get(0));
        assertEquals("/p", recorder.configsSeen.get(0).getPath());
        // The session starts from the properties as modifyHandshake left them.
        assertEquals(Map.of("mine", "connection 1"), first.getUserProperties());
        assertEquals(Map.of("mine", "connection 2"), second.getUserProperties());
    }

    @Test
    void withoutDeployedPropertiesModifyHandshakeStillFillsOnlyItsOwnConnectionsCopy() throws Exception {
        Recorder recorder = new Recorder();
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Quiet.class, "/p").configurator(recorder)
                .build();
        BowlineServerContainer container = container(false, config);

        WsSession first = accept(container, "/p", null).open(MemoryConnection.pair()[0]);
        WsSession second = accept(container, "/p", null).open(MemoryConnection.pair()[0]);

        assertEquals(Map.of(), recorder.userPropertiesSeen.get(0));
        assertEquals(Map.of(), config.getUserProperties());
        assertEquals(Map.of("mine", "connection 1"), first.getUserProperties());
        assertEquals(Map.of("mine", "connection 2"), second.getUserProperties());
        // The session's map is a copy: what it stores later stays out of the handshake's configuration.
        first.getUserProperties().put("later", "session only");
        assertEquals(Map.of("mine", "connection 1"), recorder.configsSeen.get(0).getUserProperties());
    }

    @Test
    void sessionsWhoseHandshakeLeftNoPropertiesEachGetTheirOwnEmptyMap() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Quiet.class, "/q").build();
        BowlineServerContainer container = container(false, config);

        WsSession first = accept(container, "/q", null).open(MemoryConnection.pair()[0]);
        WsSession second = accept(container, "/q", null).open(MemoryConnection.pair()[0]);
        first.getUserProperties().put("k", "first");

        assertEquals(Map.of("k", "first"), first.getUserProperties());
        assertEquals(Map.of(), second.getUserProperties());
        assertEquals(Map.of(), config.getUserProperties());
    }

    @Test
    void eachSessionKeepsItsOwnRequestUriWhenEqualOnesShareTheirText() throws Exception {
        BowlineServerContainer container = container(false, ServerEndpointConfig.Builder.create(Quiet.class, "/q")
                .build());
        ServerHandshaker handshaker = new ServerHandshaker(container);
        List<WsSession> sessions = new ArrayList<>();
        for (String target : List.of("/q?a=1", "/q?a=1", "/q?b=2", "/q?a=1")) {
            UpgradeOutcome outcome = handshaker.negotiate(UpgradeRequest.anonymous(upgrade(target, null), false));
            sessions.add(assertInstanceOf(UpgradeOutcome.Accepted.class, outcome).open(MemoryConnection.pair()[0]));
        }

        assertEquals(List.of("ws://example.com/q?a=1", "ws://example.com/q?a=1", "ws://example.com/q?b=2",
                "ws://example.com/q?a=1"), sessions.stream().map(s -> s.getRequestURI().toString()).toList());
        assertEquals(List.of("a=1", "a=1", "b=2", "a=1"), sessions.stream().map(WsSession::getQueryString).toList());
    }

    @Test
    void theConfiguratorSeesEveryRequestedExtensionAndTheEndpointsOwnAsInstalled() throws Exception {
        Recorder recorder = new Recorder();
        BowlineServerContainer container = container(true, ServerEndpointConfig.Builder.create(Quiet.class, "/e")
                .extensions(List.of(new NegotiatedExtension("x-first", List.of()),
                        new NegotiatedExtension("x-second", List.of())))
                .configurator(recorder).build());

        accept(container, "/e", "x-second; a=1, x-unknown, permessage-deflate");

        assertEquals(List.of("x-first", "x-second", "permessage-deflate"), names(recorder.installed));
        assertEquals(List.of("x-second", "x-unknown", "permessage-deflate"), names(recorder.requested));
        assertEquals("a", recorder.requested.get(0).getParameters().get(0).getName());
        assertEquals("1", recorder.requested.get(0).getParameters().get(0).getValue());
    }

    @Test
    void theNegotiatedExtensionsInTheClientsOrderMakeTheResponseHeaderAndTheSessions() throws Exception {
        BowlineServerContainer container = container(true, ServerEndpointConfig.Builder.create(Quiet.class, "/e")
                .extensions(List.of(new NegotiatedExtension("x-first", List.of()),
                        new NegotiatedExtension("x-second", List.of())))
                .build());

        UpgradeOutcome.Accepted accepted = accept(container, "/e",
                "x-second; a=1; b, x-unknown, permessage-deflate; client_max_window_bits, x-first");

        assertEquals(List.of("x-second; a=1; b, permessage-deflate, x-first"),
                accepted.responseHeaders().all("Sec-WebSocket-Extensions"));
        WsSession session = accepted.open(MemoryConnection.pair()[0]);
        assertEquals(List.of("x-second", "permessage-deflate", "x-first"), names(session.getNegotiatedExtensions()));
    }

    @Test
    void withoutAnyAgreedExtensionThereIsNoExtensionsHeader() throws Exception {
        BowlineServerContainer container = container(false, ServerEndpointConfig.Builder.create(Quiet.class, "/e")
                .build());

        UpgradeOutcome.Accepted accepted = accept(container, "/e", "x-unknown, permessage-deflate");

        assertNull(accepted.responseHeaders().first("Sec-WebSocket-Extensions"));
        assertTrue(accepted.open(MemoryConnection.pair()[0]).getNegotiatedExtensions().isEmpty());
    }

    @Test
    void anExtensionTheClientDidNotRequestOrOneNamedTwiceIsNotAnswered() throws Exception {
        ServerEndpointConfig.Configurator greedy = new ServerEndpointConfig.Configurator() {
            @Override
            public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
                List<Extension> all = new ArrayList<>(installed);
                all.addAll(requested);
                return all;
            }
        };
        BowlineServerContainer container = container(false, ServerEndpointConfig.Builder.create(Quiet.class, "/e")
                .extensions(List.of(new NegotiatedExtension("x-first", List.of()),
                        new NegotiatedExtension("x-never-requested", List.of())))
                .configurator(greedy).build());

        UpgradeOutcome.Accepted accepted = accept(container, "/e", "x-first; p=2");

        // The installed x-first comes first in the configurator's answer, so its (parameterless) form is used once.
        assertEquals(List.of("x-first"), accepted.responseHeaders().all("Sec-WebSocket-Extensions"));
    }

    @ServerEndpoint("/bad/{arg}")
    public static class BadPathParam {
        @OnMessage
        public void onMessage(String text, @PathParam("arg") StringBuilder arg) {
        }
    }

    @Test
    void aFailedAddEndpointIsReportedToTheDeploymentFailureListenerBeforeItIsThrown() throws Exception {
        BowlineServerContainer container = new BowlineServerContainer(SessionLimits.defaults(), executor, false);
        List<DeploymentException> reported = new ArrayList<>();
        container.setDeploymentFailureListener(reported::add);

        container.addEndpoint(ServerEndpointConfig.Builder.create(Quiet.class, "/fine").build());
        assertTrue(reported.isEmpty());

        DeploymentException annotated = assertThrows(DeploymentException.class,
                () -> container.addEndpoint(BadPathParam.class));
        DeploymentException duplicate = assertThrows(DeploymentException.class,
                () -> container.addEndpoint(ServerEndpointConfig.Builder.create(Quiet.class, "/fine").build()));

        assertEquals(2, reported.size());
        assertSame(annotated, reported.get(0));
        assertSame(duplicate, reported.get(1));
    }
}
