package org.bowline.container.session;

import java.util.Locale;

import jakarta.websocket.DecodeException;

/**
 * Text messages for handlers of the primitive wrappers (Jakarta WebSocket 2.2, section 2.1.3:
 * the container decodes Java primitives and their object equivalents without a decoder).
 * Strict for numbers and booleans: text that is not exactly a value of the type is a
 * {@link DecodeException}. A character is the text's first one, as the reference implementation
 * and the TCK (an endpoint whose char handler receives its own multi-character echo) expect; only
 * empty text has no character.
 */
final class TextConversions {

    private TextConversions() {
    }

    static Object convert(String text, Class<?> type) throws DecodeException {
        try {
            if (type == Boolean.class) {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
                }
            } else if (type == Character.class) {
                if (!text.isEmpty()) {
                    return text.charAt(0);
                }
            } else if (type == Byte.class) {
                return Byte.valueOf(text.strip());
            } else if (type == Short.class) {
                return Short.valueOf(text.strip());
            } else if (type == Integer.class) {
                return Integer.valueOf(text.strip());
            } else if (type == Long.class) {
                return Long.valueOf(text.strip());
            } else if (type == Float.class) {
                return Float.valueOf(text.strip());
            } else if (type == Double.class) {
                return Double.valueOf(text.strip());
            }
        } catch (NumberFormatException e) {
            throw new DecodeException(text, "Cannot convert the text message to " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        throw new DecodeException(text, "Cannot convert the text message to " + type.getSimpleName()
                + (type == Character.class ? ": the message is empty" : "")
                + (type == Boolean.class ? ": it must be true or false" : ""));
    }
}
