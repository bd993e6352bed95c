package org.bowline.container.client;

import java.util.Arrays;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;

import org.bowline.container.endpoint.AnnotatedEndpoint;
import org.bowline.container.endpoint.AnnotatedEndpointModel;
import org.bowline.container.endpoint.Instantiator;

/** Client-side wiring of annotated endpoints: a {@code @ClientEndpoint} instance as a programmatic endpoint. */
final class AnnotatedClientEndpoints {

    /** An adapted endpoint and the configuration its annotation describes. */
    record Adapted(AnnotatedEndpoint endpoint, ClientEndpointConfig config) {
    }

    private AnnotatedClientEndpoints() {
    }

    /** Checks that the class is a {@code @ClientEndpoint} and returns the annotation. */
    static ClientEndpoint annotationOf(Class<?> type) throws DeploymentException {
        ClientEndpoint annotation = type.getAnnotation(ClientEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException("Cannot connect " + type.getName() + ": it neither extends "
                    + "jakarta.websocket.Endpoint nor is annotated with @ClientEndpoint");
        }
        return annotation;
    }

    static Adapted adapt(Object instance) throws DeploymentException {
        Class<?> type = instance.getClass();
        ClientEndpoint annotation = annotationOf(type);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(Arrays.asList(annotation.subprotocols()))
                .encoders(Arrays.asList(annotation.encoders()))
                .decoders(Arrays.asList(annotation.decoders()))
                .configurator(Instantiator.create(annotation.configurator(),
                        "configurator of client endpoint " + type.getName()))
                .build();
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(type, config.getDecoders(), config.getEncoders());
        return new Adapted(new AnnotatedEndpoint(instance, model), config);
    }
}
