package org.bowline.container.endpoint;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;

/**
 * The cache of endpoint models. A ClassValue keeps each model with its class, so an application's
 * classes can still be unloaded; within a class the model depends on the decoders and encoders it
 * was checked against. Invalid classes are not cached: each deployment reports them again.
 */
final class AnnotatedEndpointModels {

    private record Coders(List<Class<? extends Decoder>> decoders, List<Class<? extends Encoder>> encoders) {
    }

    private static final ClassValue<Map<Coders, AnnotatedEndpointModel>> MODELS = new ClassValue<>() {
        @Override
        protected Map<Coders, AnnotatedEndpointModel> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private AnnotatedEndpointModels() {
    }

    static AnnotatedEndpointModel get(Class<?> endpointClass, List<Class<? extends Decoder>> decoders,
                                      List<Class<? extends Encoder>> encoders) throws DeploymentException {
        if (endpointClass == null) {
            throw new DeploymentException("The endpoint class must not be null");
        }
        Coders key = new Coders(decoders == null ? List.of() : List.copyOf(decoders),
                encoders == null ? List.of() : List.copyOf(encoders));
        Map<Coders, AnnotatedEndpointModel> models = MODELS.get(endpointClass);
        AnnotatedEndpointModel model = models.get(key);
        if (model == null) {
            // Built outside computeIfAbsent: introspection throws a checked exception and may load classes.
            model = AnnotatedEndpointIntrospector.introspect(endpointClass, key.decoders(), key.encoders());
            AnnotatedEndpointModel raced = models.putIfAbsent(key, model);
            if (raced != null) {
                model = raced;
            }
        }
        return model;
    }
}
