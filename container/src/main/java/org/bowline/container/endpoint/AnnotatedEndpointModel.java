package org.bowline.container.endpoint;

import java.util.List;
import java.util.Set;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;

/**
 * What an annotated endpoint class does, found once by {@link AnnotatedEndpointIntrospector} and
 * validated against Jakarta WebSocket 2.2 chapter 4: its {@code @OnOpen}, {@code @OnClose},
 * {@code @OnError} and {@code @OnMessage} methods with their invokers. Immutable and shared by every
 * session of the endpoint; {@link AnnotatedEndpoint} applies it to one instance.
 */
public final class AnnotatedEndpointModel {

    private final Class<?> endpointClass;
    private final EndpointMethod onOpen;
    private final EndpointMethod onClose;
    private final EndpointMethod onError;
    private final List<MessageMethod> messageMethods;
    private final Set<String> pathParamNames;

    AnnotatedEndpointModel(Class<?> endpointClass, EndpointMethod onOpen, EndpointMethod onClose,
                           EndpointMethod onError, List<MessageMethod> messageMethods, Set<String> pathParamNames) {
        this.endpointClass = endpointClass;
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.onError = onError;
        this.messageMethods = List.copyOf(messageMethods);
        this.pathParamNames = Set.copyOf(pathParamNames);
    }

    /**
     * The model of {@code endpointClass} with the given decoders (which make message types
     * receivable) and encoders (which make return types sendable). Built once per class and
     * coder lists, then cached.
     *
     * @throws DeploymentException naming the class, the method and the rule it breaks
     */
    public static AnnotatedEndpointModel of(Class<?> endpointClass, List<Class<? extends Decoder>> decoders,
                                            List<Class<? extends Encoder>> encoders) throws DeploymentException {
        return AnnotatedEndpointModels.get(endpointClass, decoders, encoders);
    }

    public Class<?> endpointClass() {
        return endpointClass;
    }

    /** Whether the class has any of {@code @OnOpen}, {@code @OnClose}, {@code @OnError}, {@code @OnMessage}. */
    public boolean hasCallbacks() {
        return onOpen != null || onClose != null || onError != null || !messageMethods.isEmpty();
    }

    /** Every name used by a {@code @PathParam} of the endpoint's methods. */
    public Set<String> pathParamNames() {
        return pathParamNames;
    }

    /** The kinds of message the endpoint has an {@code @OnMessage} method for. */
    public Set<MessageKind> messageKinds() {
        return Set.copyOf(messageMethods.stream().flatMap(m -> m.kinds().stream()).toList());
    }

    EndpointMethod onOpen() {
        return onOpen;
    }

    EndpointMethod onClose() {
        return onClose;
    }

    EndpointMethod onError() {
        return onError;
    }

    List<MessageMethod> messageMethods() {
        return messageMethods;
    }

    @Override
    public String toString() {
        return "AnnotatedEndpointModel[" + endpointClass.getName() + ", open=" + onOpen + ", close=" + onClose
                + ", error=" + onError + ", messages=" + messageMethods.stream().map(m -> m.method().description()).toList()
                + "]";
    }
}
