package org.bowline.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.Test;

/** Jakarta WebSocket 2.2, section 6.2: which scanned endpoints a web application deploys. */
class EndpointSelectionTest {

    @ServerEndpoint("/annotated")
    public static class Annotated {
    }

    @ServerEndpoint("/other")
    public static class OtherAnnotated {
    }

    public static class Programmatic extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public abstract static class AbstractProgrammatic extends Endpoint {
    }

    static final AtomicReference<Set<Class<? extends Endpoint>>> SEEN_ENDPOINTS = new AtomicReference<>();
    static final AtomicReference<Set<Class<?>>> SEEN_ANNOTATED = new AtomicReference<>();

    /** Deploys Programmatic at /p and only Annotated of the annotated classes; records what it was offered. */
    public static class Choosy implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            SEEN_ENDPOINTS.set(endpointClasses);
            return Set.of(ServerEndpointConfig.Builder.create(Programmatic.class, "/p").build());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            SEEN_ANNOTATED.set(scanned);
            return Set.of(Annotated.class);
        }
    }

    public static class NoDefaultConstructor implements ServerApplicationConfig {
        public NoDefaultConstructor(String unused) {
        }

        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return Set.of();
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
        }
    }

    @Test
    void withoutServerApplicationConfigEveryAnnotatedClassAndNoProgrammaticEndpointIsDeployed() throws Exception {
        EndpointSelection selection = EndpointSelection.of(
                Set.of(Annotated.class, OtherAnnotated.class, Programmatic.class));
        assertEquals(List.of(Annotated.class, OtherAnnotated.class), selection.annotatedClasses());
        assertEquals(List.of(), selection.configs());
    }

    @Test
    void aServerApplicationConfigChoosesFromEveryConcreteScannedClass() throws Exception {
        EndpointSelection selection = EndpointSelection.of(Set.of(Annotated.class, OtherAnnotated.class,
                Programmatic.class, AbstractProgrammatic.class, Choosy.class));

        assertEquals(Set.of(Programmatic.class), SEEN_ENDPOINTS.get());
        assertEquals(Set.of(Annotated.class, OtherAnnotated.class), SEEN_ANNOTATED.get());
        assertEquals(List.of(Annotated.class), selection.annotatedClasses());
        assertEquals(1, selection.configs().size());
        assertEquals("/p", selection.configs().get(0).getPath());
    }

    @Test
    void aServerApplicationConfigThatCannotBeCreatedFailsDeploymentNamingIt() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> EndpointSelection.of(Set.of(NoDefaultConstructor.class)));
        assertTrue(e.getMessage().contains(NoDefaultConstructor.class.getName()), e.getMessage());
    }

    @Test
    void nothingScannedDeploysNothing() throws Exception {
        EndpointSelection selection = EndpointSelection.of(null);
        assertTrue(selection.configs().isEmpty() && selection.annotatedClasses().isEmpty());
    }
}
