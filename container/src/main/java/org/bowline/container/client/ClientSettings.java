package org.bowline.container.client;

import java.util.Map;

/**
 * Reads one connection attempt's settings from the endpoint config's user properties, falling back to
 * the container's values. Values may be given as strings or as their natural types.
 */
final class ClientSettings {

    private final Map<String, Object> properties;

    ClientSettings(Map<String, Object> properties) {
        this.properties = properties == null ? Map.of() : properties;
    }

    long millis(String name, long fallback) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        long millis;
        try {
            millis = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("User property " + name + " must be a number of milliseconds, was "
                    + value);
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("User property " + name + " must be > 0, was " + value);
        }
        return millis;
    }

    boolean flag(String name, boolean fallback) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString().trim());
    }

    String string(String name, String fallback) {
        Object value = properties.get(name);
        return value == null ? fallback : value.toString();
    }

    /** The value as given (a string, an array, a collection...), or null. */
    Object raw(String name) {
        return properties.get(name);
    }

    <T> T object(String name, Class<T> type) {
        Object value = properties.get(name);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("User property " + name + " must be a " + type.getName()
                    + ", was " + value.getClass().getName());
        }
        return type.cast(value);
    }
}
