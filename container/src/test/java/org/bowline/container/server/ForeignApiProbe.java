package org.bowline.container.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Runs inside {@link ForeignApiJarTest}'s class loader, where the jakarta.websocket classes come
 * from another vendor's API jar. Compiled against the Jakarta API, linked against that one; reports
 * what it saw as lines of text, so the test can judge them from outside.
 */
public final class ForeignApiProbe {

    /** Overrides nothing: every Configurator method is the API jar's own. */
    public static final class Untouched extends ServerEndpointConfig.Configurator {
    }

    private ForeignApiProbe() {
    }

    public static List<String> run() throws Exception {
        List<String> seen = new ArrayList<>();
        ServerEndpointConfig.Configurator base = new ServerEndpointConfig.Configurator();
        seen.add("containerDefault=" + base.getContainerDefaultConfigurator().getClass().getName());
        seen.add("subprotocol=" + base.getNegotiatedSubprotocol(List.of("v1", "v2"), List.of("v3", "v2")));
        seen.add("extensions=" + base.getNegotiatedExtensions(List.of(), List.of()).size());
        seen.add("origin=" + base.checkOrigin("http://anywhere.example"));
        base.modifyHandshake(null, null, null);
        seen.add("modifyHandshake=returned");
        seen.add("instance=" + base.getEndpointInstance(EchoEndpoint.class).getClass().getSimpleName());
        ClientEndpointConfig.Configurator client = new ClientEndpointConfig.Configurator();
        client.beforeRequest(new java.util.HashMap<>());
        client.afterResponse(null);
        seen.add("clientConfigurator=returned");

        WebSocketContainer provided = ContainerProvider.getWebSocketContainer();
        seen.add("provider=" + provided.getClass().getName());

        BowlineServer server = BowlineServer.builder().port(0).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/untouched")
                .configurator(new Untouched()).subprotocols(List.of("v1", "v2")).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/default").build());
        server.start();
        try {
            for (String path : List.of("/untouched", "/default")) {
                seen.add(path + "=" + echo(provided, URI.create("ws://127.0.0.1:" + server.port() + path)));
            }
        } finally {
            server.stop();
            if (provided instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        return seen;
    }

    /** One handshake offering v3 and v2, one text message; what came back and the agreed subprotocol. */
    private static String echo(WebSocketContainer container, URI uri) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) reply::complete);
            }
        };
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("v3", "v2"))
                .build();
        Session session = container.connectToServer(endpoint, config, uri);
        try {
            session.getBasicRemote().sendText("hello");
            return reply.get(10, TimeUnit.SECONDS) + " [" + session.getNegotiatedSubprotocol() + "]";
        } finally {
            session.close();
        }
    }
}
