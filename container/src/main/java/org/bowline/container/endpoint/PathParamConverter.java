package org.bowline.container.endpoint;

import java.util.Map;
import java.util.function.Function;

import jakarta.websocket.DecodeException;

/**
 * Turns the text of one path segment into the type of the {@code @PathParam} parameter that asks
 * for it: String, a primitive or its wrapper (Jakarta WebSocket 2.2, section 4.3). A value that does
 * not convert is a {@link DecodeException}, which the spec sends to the endpoint's error handling.
 */
final class PathParamConverter {

    private static final Map<Class<?>, Function<String, Object>> PARSERS = Map.ofEntries(
            Map.entry(String.class, s -> s),
            Map.entry(int.class, Integer::valueOf), Map.entry(Integer.class, Integer::valueOf),
            Map.entry(long.class, Long::valueOf), Map.entry(Long.class, Long::valueOf),
            Map.entry(short.class, Short::valueOf), Map.entry(Short.class, Short::valueOf),
            Map.entry(byte.class, Byte::valueOf), Map.entry(Byte.class, Byte::valueOf),
            Map.entry(double.class, Double::valueOf), Map.entry(Double.class, Double::valueOf),
            Map.entry(float.class, Float::valueOf), Map.entry(Float.class, Float::valueOf),
            Map.entry(boolean.class, PathParamConverter::parseBoolean),
            Map.entry(Boolean.class, PathParamConverter::parseBoolean),
            Map.entry(char.class, PathParamConverter::parseChar),
            Map.entry(Character.class, PathParamConverter::parseChar));

    private final String name;
    private final Class<?> type;
    private final Function<String, Object> parser;

    private PathParamConverter(String name, Class<?> type, Function<String, Object> parser) {
        this.name = name;
        this.type = type;
        this.parser = parser;
    }

    /** Whether a {@code @PathParam} may have this type. */
    static boolean supports(Class<?> type) {
        return PARSERS.containsKey(type);
    }

    /**
     * The converter for {@code @PathParam(value)}. A value written the way the URI template writes
     * the variable, {@code "{name}"}, names the variable {@code name}: braces cannot be part of a
     * variable's name (section 3.1.1, RFC 6570 level 1), so this reading takes no name from another
     * variable, and it is what the author meant (the TCK's websocketmessage endpoints write one).
     */
    static PathParamConverter of(String value, Class<?> type) {
        Function<String, Object> parser = PARSERS.get(type);
        if (parser == null) {
            throw new IllegalArgumentException("No path parameter conversion to " + type.getName());
        }
        return new PathParamConverter(variableName(value), type, parser);
    }

    private static String variableName(String value) {
        return value.length() > 2 && value.startsWith("{") && value.endsWith("}")
                ? value.substring(1, value.length() - 1) : value;
    }

    String name() {
        return name;
    }

    /**
     * The value for this parameter from the session's path parameters. A name the request path
     * does not have gives null (the {@code @PathParam} Javadoc); a primitive cannot be null, so
     * that is a DecodeException.
     */
    Object convert(Map<String, String> pathParameters) throws DecodeException {
        String raw = pathParameters == null ? null : pathParameters.get(name);
        if (raw == null) {
            if (type.isPrimitive()) {
                throw new DecodeException((String) null, "Path parameter '" + name
                        + "' is not in the request path, and a " + type.getName() + " parameter cannot be null");
            }
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(raw, "Path parameter '" + name + "' value '" + raw
                    + "' is not a valid " + type.getSimpleName(), e);
        }
    }

    private static Object parseBoolean(String s) {
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not true or false");
    }

    private static Object parseChar(String s) {
        if (s.length() != 1) {
            throw new IllegalArgumentException("not a single character");
        }
        return s.charAt(0);
    }
}
