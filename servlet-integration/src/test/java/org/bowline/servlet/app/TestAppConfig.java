package org.bowline.servlet.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.DefaultServerConfigurator;

/** The test application's endpoints; it ignores {@link UnlistedEndpoint} and keeps only {@link AnnotatedEcho} of the annotated classes. */
public class TestAppConfig implements ServerApplicationConfig {

    public static final String ALLOWED_ORIGIN = "http://allowed.example";

    /**
     * Accepts only {@link #ALLOWED_ORIGIN}, and answers with a field of its own and one that would break the
     * handshake ({@code Connection: close}), which the container must leave out.
     */
    public static class OriginCheck extends DefaultServerConfigurator {
        @Override
        public boolean checkOrigin(String origin) {
            return ALLOWED_ORIGIN.equals(origin);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            response.getHeaders().put("X-Guarded", new ArrayList<>(List.of("yes")));
            response.getHeaders().put("connection", new ArrayList<>(List.of("close")));
        }
    }

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        if (!scanned.contains(EchoEndpoint.class) || !scanned.contains(UnlistedEndpoint.class)) {
            throw new IllegalStateException("getEndpointConfigs must see every scanned Endpoint, saw " + scanned);
        }
        return Set.of(
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build(),
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/guarded").configurator(new OriginCheck()).build(),
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/proto")
                        .subprotocols(List.of("chat.v2", "chat.v1")).build(),
                ServerEndpointConfig.Builder.create(ProbeEndpoint.class, "/probe/{id}")
                        .configurator(new ProbeConfigurator()).build(),
                ServerEndpointConfig.Builder.create(CountEndpoint.class, "/count").build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        if (!scanned.contains(AnnotatedEcho.class)) {
            throw new IllegalStateException("getAnnotatedEndpointClasses must see every scanned @ServerEndpoint, saw "
                    + scanned);
        }
        return Set.of(AnnotatedEcho.class);
    }
}
