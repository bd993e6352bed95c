package org.bowline.container.session;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;

/**
 * The message handlers of one session: at most one per kind of message (text, binary, pong), as
 * the Jakarta API requires.
 *
 * <p>Registration happens on application threads while delivery reads from the session's
 * executor, so each slot is a volatile reference to an immutable {@link Registration}.
 */
final class MessageHandlers {

    /** The kinds of WebSocket message a handler can take. */
    enum Kind { TEXT, BINARY, PONG }

    /** How a handler wants its messages. */
    enum Shape { STRING, BYTE_BUFFER, BYTE_ARRAY, PONG }

    record Registration(MessageHandler handler, Shape shape, boolean partial) {
    }

    private volatile Registration text;
    private volatile Registration binary;
    private volatile Registration pong;

    Registration text() {
        return text;
    }

    Registration binary() {
        return binary;
    }

    Registration pong() {
        return pong;
    }

    synchronized void add(MessageHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("MessageHandler must not be null");
        }
        Class<?> type = messageType(handler);
        add(type, handler, handler instanceof MessageHandler.Partial<?>);
    }

    synchronized void add(Class<?> type, MessageHandler handler, boolean partial) {
        if (type == null || handler == null) {
            throw new IllegalArgumentException("Message type and handler must not be null");
        }
        Shape shape = shapeOf(type, partial, handler);
        Registration registration = new Registration(handler, shape, partial);
        switch (kindOf(shape)) {
            case TEXT -> text = checkFree(text, "text", registration);
            case BINARY -> binary = checkFree(binary, "binary", registration);
            case PONG -> pong = checkFree(pong, "pong", registration);
        }
    }

    synchronized void remove(MessageHandler handler) {
        if (text != null && text.handler() == handler) {
            text = null;
        }
        if (binary != null && binary.handler() == handler) {
            binary = null;
        }
        if (pong != null && pong.handler() == handler) {
            pong = null;
        }
    }

    synchronized Set<MessageHandler> all() {
        Set<MessageHandler> handlers = new LinkedHashSet<>();
        for (Registration r : new Registration[] {text, binary, pong}) {
            if (r != null) {
                handlers.add(r.handler());
            }
        }
        return Collections.unmodifiableSet(handlers);
    }

    private static Registration checkFree(Registration existing, String kind, Registration added) {
        if (existing != null) {
            throw new IllegalStateException("A " + kind + " message handler is already registered on this session ("
                    + existing.handler().getClass().getName() + "); remove it before adding "
                    + added.handler().getClass().getName());
        }
        return added;
    }

    private static Kind kindOf(Shape shape) {
        return switch (shape) {
            case STRING -> Kind.TEXT;
            case BYTE_BUFFER, BYTE_ARRAY -> Kind.BINARY;
            case PONG -> Kind.PONG;
        };
    }

    private static Shape shapeOf(Class<?> type, boolean partial, MessageHandler handler) {
        if (type == String.class) {
            return Shape.STRING;
        }
        if (type == ByteBuffer.class) {
            return Shape.BYTE_BUFFER;
        }
        if (type == byte[].class) {
            return Shape.BYTE_ARRAY;
        }
        if (type == PongMessage.class && !partial) {
            return Shape.PONG;
        }
        throw new IllegalStateException("Unsupported message type " + type.getName() + " for "
                + (partial ? "partial" : "whole") + " message handler " + handler.getClass().getName()
                + ": expected String, ByteBuffer, byte[]" + (partial ? "" : " or PongMessage"));
    }

    /** The T of MessageHandler.Whole&lt;T&gt; or Partial&lt;T&gt; as the handler's class declares it. */
    static Class<?> messageType(MessageHandler handler) {
        Class<?> target = handler instanceof MessageHandler.Partial<?> ? MessageHandler.Partial.class
                : handler instanceof MessageHandler.Whole<?> ? MessageHandler.Whole.class : null;
        if (target == null) {
            throw new IllegalStateException("Message handler " + handler.getClass().getName()
                    + " implements neither MessageHandler.Whole nor MessageHandler.Partial");
        }
        Type resolved = resolve(handler.getClass(), target);
        if (resolved instanceof Class<?> c) {
            return c;
        }
        if (resolved instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new IllegalStateException("Cannot tell the message type of handler " + handler.getClass().getName()
                + " (a lambda or a generic class erases it); use Session.addMessageHandler(Class, handler)");
    }

    private static Type resolve(Class<?> type, Class<?> target) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type itf : c.getGenericInterfaces()) {
                if (itf instanceof ParameterizedType p && p.getRawType() == target) {
                    Type arg = p.getActualTypeArguments()[0];
                    return arg instanceof TypeVariable<?> ? null : arg;
                }
                if (itf instanceof Class<?> raw && target.isAssignableFrom(raw) && raw != target) {
                    Type nested = resolve(raw, target);
                    if (nested != null) {
                        return nested;
                    }
                }
            }
        }
        return null;
    }
}
