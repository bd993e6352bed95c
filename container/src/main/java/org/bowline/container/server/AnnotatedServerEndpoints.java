package org.bowline.container.server;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.endpoint.AnnotatedEndpointModel;
import org.bowline.container.endpoint.Instantiator;

/** Server-side wiring of annotated endpoints: the configuration a {@code @ServerEndpoint} describes. */
final class AnnotatedServerEndpoints {

    private static final System.Logger LOG = System.getLogger(AnnotatedServerEndpoints.class.getName());

    private AnnotatedServerEndpoints() {
    }

    /**
     * The ServerEndpointConfig of a {@code @ServerEndpoint} class: its path, subprotocols, encoders,
     * decoders, and a new instance of its configurator (when it names one; otherwise the container's
     * default configurator applies).
     */
    static ServerEndpointConfig configOf(Class<?> endpointClass, ServerEndpoint annotation) throws DeploymentException {
        ServerEndpointConfig.Builder builder = ServerEndpointConfig.Builder.create(endpointClass, annotation.value())
                .subprotocols(Arrays.asList(annotation.subprotocols()))
                .encoders(Arrays.asList(annotation.encoders()))
                .decoders(Arrays.asList(annotation.decoders()));
        Class<? extends ServerEndpointConfig.Configurator> configurator = annotation.configurator();
        if (configurator != ServerEndpointConfig.Configurator.class) {
            builder.configurator(Instantiator.create(configurator, "configurator of endpoint " + endpointClass.getName()));
        }
        return builder.build();
    }

    /**
     * The Javadoc of {@code @PathParam} gives null for a name the path template lacks (the TCK
     * relies on it), so such a name is legal; it is almost always a typo, so say so once.
     */
    static void warnAboutUnknownPathParams(AnnotatedEndpointModel model, String path, Set<String> variables) {
        Set<String> unknown = new TreeSet<>(model.pathParamNames());
        unknown.removeAll(variables);
        if (!unknown.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Endpoint {0} at {1} has @PathParam names {2} that its path does"
                    + " not declare; they will always be null", model.endpointClass().getName(), path,
                    List.copyOf(unknown));
        }
    }
}
