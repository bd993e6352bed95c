package org.bowline.container.endpoint;

import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;

import org.bowline.container.session.GenericTypes;

/**
 * Reads an annotated endpoint class into an {@link AnnotatedEndpointModel}, enforcing the rules of
 * Jakarta WebSocket 2.2 chapter 4 and the annotations' Javadoc. Every broken rule is a
 * DeploymentException that names the class, the method and the rule.
 *
 * <p>Annotated methods declared by superclasses count too (the TCK's annotation inheritance tests);
 * a method overridden in a subclass counts only as the subclass declares it, so an override without
 * the annotation drops it, the Java rule for method annotations.
 */
final class AnnotatedEndpointIntrospector {

    private static final List<Class<? extends Annotation>> CALLBACKS =
            List.of(OnOpen.class, OnClose.class, OnError.class, OnMessage.class);

    /** Primitive types and their wrappers, all receivable as text and sendable as text. */
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            int.class, Integer.class, long.class, Long.class, short.class, Short.class, byte.class, Byte.class,
            double.class, Double.class, float.class, Float.class, boolean.class, Boolean.class,
            char.class, Character.class);

    private record Coder(Class<?> type, MessageKind kind, Class<?> coderClass) {
    }

    private final Class<?> type;
    private final List<Coder> decoders;
    private final List<Coder> encoders;
    private final Set<String> pathParamNames = new LinkedHashSet<>();

    private AnnotatedEndpointIntrospector(Class<?> type, List<Coder> decoders, List<Coder> encoders) {
        this.type = type;
        this.decoders = decoders;
        this.encoders = encoders;
    }

    static AnnotatedEndpointModel introspect(Class<?> type, List<Class<? extends Decoder>> decoders,
                                             List<Class<? extends Encoder>> encoders) throws DeploymentException {
        if (type.isInterface() || type.isAnnotation() || type.isArray() || type.isPrimitive()
                || Modifier.isAbstract(type.getModifiers())) {
            throw new DeploymentException("Invalid endpoint " + type.getName()
                    + ": an annotated endpoint must be a concrete class");
        }
        List<Coder> decoderTypes = new ArrayList<>();
        for (Class<? extends Decoder> d : decoders) {
            decoderTypes.add(coder(type, d, "decoder", Decoder.Text.class, Decoder.TextStream.class,
                    Decoder.Binary.class, Decoder.BinaryStream.class));
        }
        List<Coder> encoderTypes = new ArrayList<>();
        for (Class<? extends Encoder> e : encoders) {
            encoderTypes.add(coder(type, e, "encoder", Encoder.Text.class, Encoder.TextStream.class,
                    Encoder.Binary.class, Encoder.BinaryStream.class));
        }
        return new AnnotatedEndpointIntrospector(type, decoderTypes, encoderTypes).build();
    }

    private static Coder coder(Class<?> endpoint, Class<?> coderClass, String what, Class<?> text, Class<?> textStream,
                               Class<?> binary, Class<?> binaryStream) throws DeploymentException {
        if (coderClass == null) {
            throw new DeploymentException("Invalid endpoint " + endpoint.getName() + ": a " + what + " class is null");
        }
        for (Class<?> kind : List.of(text, textStream, binary, binaryStream)) {
            if (kind.isAssignableFrom(coderClass)) {
                Class<?> handled = GenericTypes.typeArgument(coderClass, kind);
                if (handled == null) {
                    throw new DeploymentException("Invalid endpoint " + endpoint.getName() + ": " + what + " "
                            + coderClass.getName() + " does not fix the type parameter of " + simple(kind));
                }
                MessageKind k = kind == text || kind == textStream ? MessageKind.TEXT : MessageKind.BINARY;
                return new Coder(handled, k, coderClass);
            }
        }
        throw new DeploymentException("Invalid endpoint " + endpoint.getName() + ": " + what + " "
                + coderClass.getName() + " implements none of " + simple(text) + ", " + simple(textStream) + ", "
                + simple(binary) + ", " + simple(binaryStream));
    }

    private AnnotatedEndpointModel build() throws DeploymentException {
        EndpointMethod onOpen = null;
        EndpointMethod onClose = null;
        EndpointMethod onError = null;
        Map<MessageKind, MessageMethod> messages = new EnumMap<>(MessageKind.class);
        for (Method m : annotatedMethods()) {
            Class<? extends Annotation> callback = callbackOf(m);
            if (callback == OnOpen.class) {
                unique(onOpen, m, "@OnOpen");
                onOpen = lifecycle(m, "@OnOpen", EndpointConfig.class, false);
            } else if (callback == OnClose.class) {
                unique(onClose, m, "@OnClose");
                onClose = lifecycle(m, "@OnClose", CloseReason.class, false);
            } else if (callback == OnError.class) {
                unique(onError, m, "@OnError");
                onError = lifecycle(m, "@OnError", Throwable.class, true);
            } else {
                MessageMethod message = message(m);
                for (MessageKind kind : message.kinds()) {
                    MessageMethod earlier = messages.putIfAbsent(kind, message);
                    if (earlier != null) {
                        throw invalid(m, "@OnMessage", "a second @OnMessage method for "
                                + kind.name().toLowerCase(Locale.ROOT) + " messages; " + earlier.method().description()
                                + " already takes them (at most one per message kind: text, binary, pong)");
                    }
                }
            }
        }
        List<MessageMethod> methods = new ArrayList<>();
        for (MessageMethod m : messages.values()) {
            if (!methods.contains(m)) {
                methods.add(m);
            }
        }
        return new AnnotatedEndpointModel(type, onOpen, onClose, onError, methods,
                pathParamNames);
    }

    // ---- finding the methods ----

    /** The annotated methods, the subclass's first; overridden ones only in their most derived form. */
    private List<Method> annotatedMethods() throws DeploymentException {
        List<Method> found = new ArrayList<>();
        Set<String> declaredBelow = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] declared = c.getDeclaredMethods();
            Arrays.sort(declared, (a, b) -> a.toString().compareTo(b.toString())); // stable order for messages
            List<String> signatures = new ArrayList<>();
            for (Method m : declared) {
                if (m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                String signature = m.getName() + Arrays.toString(m.getParameterTypes());
                boolean overridden = !Modifier.isPrivate(m.getModifiers()) && declaredBelow.contains(signature);
                if (!Modifier.isPrivate(m.getModifiers())) {
                    signatures.add(signature);
                }
                if (overridden || callbackOf(m) == null) {
                    continue;
                }
                String annotation = "@" + callbackOf(m).getSimpleName();
                if (!Modifier.isPublic(m.getModifiers())) {
                    throw invalid(m, annotation, "the method must be public");
                }
                if (Modifier.isStatic(m.getModifiers())) {
                    throw invalid(m, annotation, "the method must not be static");
                }
                found.add(m);
            }
            declaredBelow.addAll(signatures);
        }
        return found;
    }

    private Class<? extends Annotation> callbackOf(Method m) throws DeploymentException {
        Class<? extends Annotation> callback = null;
        for (Class<? extends Annotation> a : CALLBACKS) {
            if (m.isAnnotationPresent(a)) {
                if (callback != null) {
                    throw invalid(m, "@" + callback.getSimpleName(), "a method can carry only one of @OnOpen, "
                            + "@OnClose, @OnError and @OnMessage, but it is also annotated @" + a.getSimpleName());
                }
                callback = a;
            }
        }
        return callback;
    }

    private void unique(EndpointMethod existing, Method m, String annotation) throws DeploymentException {
        if (existing != null) {
            throw invalid(m, annotation, "an endpoint may have only one " + annotation + " method, and "
                    + existing.description() + " is one already");
        }
    }

    // ---- the callbacks ----

    /** @OnOpen, @OnClose and @OnError: Session, the callback's own object, and @PathParam parameters. */
    private EndpointMethod lifecycle(Method m, String annotation, Class<?> context, boolean contextRequired)
            throws DeploymentException {
        Parameter[] params = m.getParameters();
        EndpointMethod.Source[] sources = new EndpointMethod.Source[params.length];
        PathParamConverter[] converters = new PathParamConverter[params.length];
        boolean haveContext = false;
        for (int i = 0; i < params.length; i++) {
            Class<?> t = params[i].getType();
            if (pathParam(m, annotation, params, i, sources, converters)) {
                continue;
            }
            if (t == Session.class) {
                sources[i] = EndpointMethod.Source.SESSION;
            } else if (t == context && !haveContext) {
                sources[i] = EndpointMethod.Source.CONTEXT;
                haveContext = true;
            } else {
                throw invalid(m, annotation, "parameter " + (i + 1) + " of type " + t.getName()
                        + " is not allowed; " + annotation + " methods take only Session, " + simple(context)
                        + " and @PathParam parameters (" + simple(context) + " at most once)");
            }
        }
        if (contextRequired && !haveContext) {
            throw invalid(m, annotation, annotation + " methods must have a " + simple(context) + " parameter");
        }
        return invoker(m, annotation, sources, converters);
    }

    private MessageMethod message(Method m) throws DeploymentException {
        String annotation = "@OnMessage";
        Parameter[] params = m.getParameters();
        EndpointMethod.Source[] sources = new EndpointMethod.Source[params.length];
        PathParamConverter[] converters = new PathParamConverter[params.length];
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            if (pathParam(m, annotation, params, i, sources, converters)) {
                continue;
            }
            if (params[i].getType() == Session.class) {
                sources[i] = EndpointMethod.Source.SESSION;
            } else {
                free.add(i);
            }
        }
        int messageIndex;
        boolean partial = false;
        if (free.size() == 1) {
            messageIndex = free.get(0);
        } else if (free.size() == 2) {
            int first = free.get(0);
            int second = free.get(1);
            int last = params[second].getType() == boolean.class ? second
                    : params[first].getType() == boolean.class ? first : -1;
            if (last < 0) {
                throw invalid(m, annotation, "it has two message parameters (" + params[first].getType().getName()
                        + ", " + params[second].getType().getName() + "); besides Session and @PathParam parameters "
                        + "it may take one message, plus a boolean 'last' for partial String, ByteBuffer or byte[]");
            }
            messageIndex = last == first ? second : first;
            Class<?> partType = params[messageIndex].getType();
            if (partType != String.class && partType != ByteBuffer.class && partType != byte[].class) {
                throw invalid(m, annotation, "parameter " + (messageIndex + 1) + " of type " + partType.getName()
                        + " cannot be received in parts: a boolean 'last' parameter goes only with String, "
                        + "ByteBuffer or byte[] (" + partType.getSimpleName() + " takes whole messages only)");
            }
            sources[last] = EndpointMethod.Source.LAST;
            partial = true;
        } else if (free.isEmpty()) {
            throw invalid(m, annotation, "it has no message parameter");
        } else {
            throw invalid(m, annotation, "it has " + free.size() + " parameters that are neither Session nor "
                    + "@PathParam; it may take one message, plus a boolean 'last' for partial messages");
        }
        sources[messageIndex] = EndpointMethod.Source.MESSAGE;
        Class<?> messageType = BOXES.getOrDefault(params[messageIndex].getType(), params[messageIndex].getType());
        Set<MessageKind> kinds = partial
                ? EnumSet.of(messageType == String.class ? MessageKind.TEXT : MessageKind.BINARY)
                : kindsOf(m, messageType, messageIndex);
        checkReturnType(m);
        long max = m.getAnnotation(OnMessage.class).maxMessageSize();
        EndpointMethod invoker = invoker(m, annotation, sources, converters);
        return new MessageMethod(invoker, kinds, messageType, partial, max);
    }

    /**
     * The kinds a whole message of this type arrives as. The endpoint's decoders come first, as in
     * the session layer: they may decode even a type Bowline reads itself, and a type with text and
     * binary decoders receives both kinds.
     */
    private Set<MessageKind> kindsOf(Method m, Class<?> t, int index) throws DeploymentException {
        Set<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
        for (Coder d : decoders) {
            if (t.isAssignableFrom(d.type())) {
                kinds.add(d.kind());
            }
        }
        if (!kinds.isEmpty()) {
            return kinds;
        }
        if (t == String.class || t == Reader.class || BOXES.containsValue(t)) {
            return EnumSet.of(MessageKind.TEXT);
        }
        if (t == ByteBuffer.class || t == byte[].class || t == InputStream.class) {
            return EnumSet.of(MessageKind.BINARY);
        }
        if (t == PongMessage.class) {
            return EnumSet.of(MessageKind.PONG);
        }
        throw invalid(m, "@OnMessage", "parameter " + (index + 1) + " of type " + t.getName() + " is not a "
                + "message type: use String, Reader, a primitive or its wrapper (text), ByteBuffer, byte[] or "
                + "InputStream (binary), PongMessage, or a type one of the endpoint's decoders produces "
                + "(decoders: " + names(decoders) + ")");
    }

    private void checkReturnType(Method m) throws DeploymentException {
        Class<?> r = m.getReturnType();
        if (r == void.class || r == Void.class || r == String.class || r == ByteBuffer.class || r == byte[].class
                || BOXES.containsKey(r) || BOXES.containsValue(r)) {
            return;
        }
        for (Coder e : encoders) {
            // A declared supertype of an encodable type is allowed: the value's own class picks the encoder.
            if (e.type().isAssignableFrom(r) || r.isAssignableFrom(e.type())) {
                return;
            }
        }
        throw invalid(m, "@OnMessage", "return type " + r.getName() + " cannot be sent: return void, String, "
                + "ByteBuffer, byte[], a primitive or its wrapper, or a type one of the endpoint's encoders takes "
                + "(encoders: " + names(encoders) + ")");
    }

    /** If parameter i is a @PathParam, checks and plans it; returns whether it was one. */
    private boolean pathParam(Method m, String annotation, Parameter[] params, int i, EndpointMethod.Source[] sources,
                              PathParamConverter[] converters) throws DeploymentException {
        PathParam p = params[i].getAnnotation(PathParam.class);
        if (p == null) {
            return false;
        }
        Class<?> t = params[i].getType();
        if (!PathParamConverter.supports(t)) {
            throw invalid(m, annotation, "@PathParam(\"" + p.value() + "\") parameter " + (i + 1) + " has type "
                    + t.getName() + "; a @PathParam must be a String, a primitive or a primitive wrapper");
        }
        if (p.value() == null || p.value().isEmpty()) {
            throw invalid(m, annotation, "@PathParam parameter " + (i + 1) + " has an empty name");
        }
        sources[i] = EndpointMethod.Source.PATH;
        converters[i] = PathParamConverter.of(p.value(), t);
        pathParamNames.add(converters[i].name());
        return true;
    }

    private EndpointMethod invoker(Method m, String annotation, EndpointMethod.Source[] sources,
                                   PathParamConverter[] converters) throws DeploymentException {
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(m);
        } catch (IllegalAccessException notPublicClass) {
            // A public method of a class that is not public itself (e.g. a nested test endpoint).
            try {
                if (!m.trySetAccessible()) {
                    throw notPublicClass;
                }
                handle = MethodHandles.lookup().unreflect(m);
            } catch (IllegalAccessException | SecurityException e) {
                throw invalid(m, annotation, "the container cannot call it (" + e.getMessage()
                        + "); make the class and the method public");
            }
        }
        return new EndpointMethod(describe(m), handle, sources, converters);
    }

    // ---- messages ----

    private DeploymentException invalid(Method m, String annotation, String rule) {
        return new DeploymentException("Invalid endpoint " + type.getName() + ": " + annotation + " method "
                + describe(m) + ": " + rule);
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String simple(Class<?> c) {
        String name = c.getName();
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static String names(List<Coder> coders) {
        return coders.isEmpty() ? "none" : coders.stream().map(c -> c.coderClass().getName() + " for "
                + c.type().getName()).collect(Collectors.joining(", "));
    }
}
