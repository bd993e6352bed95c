package org.bowline.container.endpoint;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Map;

import jakarta.websocket.Session;

/**
 * One annotated method, ready to call: a method handle bound once at deployment and a plan saying
 * where each parameter's value comes from. Calling it builds the argument array and nothing else.
 */
final class EndpointMethod {

    /** Where a parameter's value comes from. */
    enum Source {
        /** The Session. */
        SESSION,
        /** The callback's own object: EndpointConfig (open), CloseReason (close), Throwable (error). */
        CONTEXT,
        /** The message (or part of one). */
        MESSAGE,
        /** Whether a partial message's part is the last. */
        LAST,
        /** A {@code @PathParam}, converted from the session's path parameters. */
        PATH
    }

    private static final MethodType INVOKER_TYPE = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final String description;
    private final MethodHandle handle;
    private final Source[] sources;
    private final PathParamConverter[] converters;

    /**
     * @param handle     the method's handle, with the receiver as first parameter
     * @param converters for each PATH parameter its converter, null elsewhere
     */
    EndpointMethod(String description, MethodHandle handle, Source[] sources, PathParamConverter[] converters) {
        this.description = description;
        this.handle = handle.asSpreader(Object[].class, sources.length).asType(INVOKER_TYPE);
        this.sources = sources.clone();
        this.converters = converters.clone();
    }

    /**
     * Calls the method on {@code target}. Whatever the method throws comes out unchanged; a path
     * parameter that does not convert throws {@link jakarta.websocket.DecodeException}.
     *
     * @return the method's return value, null for void
     */
    Object invoke(Object target, Session session, Object context, Object message, boolean last) throws Throwable {
        Object[] args = new Object[sources.length];
        Map<String, String> pathParameters = null;
        for (int i = 0; i < args.length; i++) {
            switch (sources[i]) {
                case SESSION -> args[i] = session;
                case CONTEXT -> args[i] = context;
                case MESSAGE -> args[i] = message;
                case LAST -> args[i] = last;
                case PATH -> {
                    if (pathParameters == null) {
                        pathParameters = session.getPathParameters();
                    }
                    args[i] = converters[i].convert(pathParameters);
                }
            }
        }
        return (Object) handle.invokeExact(target, args);
    }

    /** The method as messages name it: {@code Class.method(ParamType, ...)}. */
    String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
