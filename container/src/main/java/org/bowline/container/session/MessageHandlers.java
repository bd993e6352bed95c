package org.bowline.container.session;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;

/**
 * The message handlers of one session: at most one per kind of message (text, binary, pong), as
 * the Jakarta API requires, each with the way it wants its messages ({@link Shape}) worked out
 * once, when it is added.
 *
 * <p>Registration happens on application threads while delivery reads from the I/O thread (to
 * choose between streaming and assembling a message) and from the session's executor, so each
 * slot is a volatile reference to an immutable {@link Registration}.
 */
final class MessageHandlers {

    /** The kinds of WebSocket message a handler can take. */
    enum Kind { TEXT, BINARY, PONG }

    /** How a handler wants its messages; stream shapes read the message while it arrives. */
    enum Shape {
        STRING(Kind.TEXT, false), READER(Kind.TEXT, true), PRIMITIVE(Kind.TEXT, false),
        TEXT_DECODED(Kind.TEXT, false), TEXT_STREAM_DECODED(Kind.TEXT, true),
        BYTE_BUFFER(Kind.BINARY, false), BYTE_ARRAY(Kind.BINARY, false), INPUT_STREAM(Kind.BINARY, true),
        BINARY_DECODED(Kind.BINARY, false), BINARY_STREAM_DECODED(Kind.BINARY, true),
        PONG(Kind.PONG, false);

        final Kind kind;
        final boolean stream;

        Shape(Kind kind, boolean stream) {
            this.kind = kind;
            this.stream = stream;
        }
    }

    /**
     * One handler in one slot.
     *
     * @param type     the message type it was registered for (primitive classes boxed)
     * @param decoders for the decoded shapes, the candidate decoders in configuration order
     */
    record Registration(MessageHandler handler, Shape shape, boolean partial, Class<?> type, List<CodecSpec> decoders) {

        /** Whether the message should reach it as it arrives rather than assembled first. */
        boolean streams() {
            return partial || shape.stream;
        }
    }

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, char.class, Character.class,
            short.class, Short.class, int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class);

    private final SessionCodecs codecs;
    private volatile Registration text;
    private volatile Registration binary;
    private volatile Registration pong;

    MessageHandlers(SessionCodecs codecs) {
        this.codecs = codecs;
    }

    /** The session's codecs, which its handlers' decoders come from. */
    SessionCodecs codecs() {
        return codecs;
    }

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
        add(messageType(handler), handler, handler instanceof MessageHandler.Partial<?>);
    }

    synchronized void add(Class<?> type, MessageHandler handler, boolean partial) {
        if (type == null || handler == null) {
            throw new IllegalArgumentException("Message type and handler must not be null");
        }
        Class<?> boxed = BOXES.getOrDefault(type, type);
        List<Registration> added = partial ? List.of(partialRegistration(boxed, handler)) : wholeRegistrations(boxed, handler);
        for (Registration r : added) {
            checkFree(slot(r.shape().kind), r);
        }
        for (Registration r : added) {
            switch (r.shape().kind) {
                case TEXT -> text = r;
                case BINARY -> binary = r;
                case PONG -> pong = r;
            }
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

    private Registration slot(Kind kind) {
        return switch (kind) {
            case TEXT -> text;
            case BINARY -> binary;
            case PONG -> pong;
        };
    }

    private static void checkFree(Registration existing, Registration added) {
        if (existing != null) {
            String kind = added.shape().kind.name().toLowerCase(java.util.Locale.ROOT);
            throw new IllegalStateException("A " + kind + " message handler is already registered on this session ("
                    + existing.handler().getClass().getName() + "); remove it before adding "
                    + added.handler().getClass().getName());
        }
    }

    private static Registration partialRegistration(Class<?> type, MessageHandler handler) {
        Shape shape = type == String.class ? Shape.STRING
                : type == ByteBuffer.class ? Shape.BYTE_BUFFER
                : type == byte[].class ? Shape.BYTE_ARRAY
                : null;
        if (shape == null) {
            throw new IllegalStateException("Unsupported message type " + type.getName() + " for partial message handler "
                    + handler.getClass().getName() + ": a partial handler takes String, ByteBuffer or byte[]");
        }
        return new Registration(handler, shape, true, type, List.of());
    }

    /**
     * Decoders come first: the configuration may decode even a type Bowline knows, such as
     * Reader (the TCK's session tests rely on that). A type with both text and binary decoders
     * takes both slots.
     */
    private List<Registration> wholeRegistrations(Class<?> type, MessageHandler handler) {
        List<CodecSpec> decoders = codecs.decodersFor(type);
        if (!decoders.isEmpty()) {
            List<Registration> result = new ArrayList<>(2);
            addDecoded(result, handler, type, decoders, true);
            addDecoded(result, handler, type, decoders, false);
            return result;
        }
        Shape shape = builtIn(type);
        if (shape == null) {
            throw new IllegalStateException("Message handler " + handler.getClass().getName() + " takes "
                    + type.getName() + ", but the endpoint configuration has no decoder for it (and it is not String,"
                    + " Reader, ByteBuffer, byte[], InputStream, PongMessage or a primitive wrapper)");
        }
        return List.of(new Registration(handler, shape, false, type, List.of()));
    }

    private static void addDecoded(List<Registration> result, MessageHandler handler, Class<?> type,
                                   List<CodecSpec> decoders, boolean text) {
        List<CodecSpec> ofKind = new ArrayList<>();
        boolean allStreams = true;
        for (CodecSpec spec : decoders) {
            if (spec.form().text == text) {
                ofKind.add(spec);
                allStreams &= spec.form().stream;
            }
        }
        if (ofKind.isEmpty()) {
            return;
        }
        // A stream decoder alone can read the message as it arrives; next to willDecode-style
        // decoders it needs the message whole, like they do.
        Shape shape = text ? (allStreams ? Shape.TEXT_STREAM_DECODED : Shape.TEXT_DECODED)
                : (allStreams ? Shape.BINARY_STREAM_DECODED : Shape.BINARY_DECODED);
        result.add(new Registration(handler, shape, false, type, List.copyOf(ofKind)));
    }

    private static Shape builtIn(Class<?> type) {
        if (type == String.class) {
            return Shape.STRING;
        }
        if (type == Reader.class) {
            return Shape.READER;
        }
        if (type == ByteBuffer.class) {
            return Shape.BYTE_BUFFER;
        }
        if (type == byte[].class) {
            return Shape.BYTE_ARRAY;
        }
        if (type == InputStream.class) {
            return Shape.INPUT_STREAM;
        }
        if (type == PongMessage.class) {
            return Shape.PONG;
        }
        if (BOXES.containsValue(type)) {
            return Shape.PRIMITIVE;
        }
        return null;
    }

    /** The T of MessageHandler.Whole&lt;T&gt; or Partial&lt;T&gt; as the handler's class declares it. */
    static Class<?> messageType(MessageHandler handler) {
        Class<?> target = handler instanceof MessageHandler.Partial<?> ? MessageHandler.Partial.class
                : handler instanceof MessageHandler.Whole<?> ? MessageHandler.Whole.class : null;
        if (target == null) {
            throw new IllegalStateException("Message handler " + handler.getClass().getName()
                    + " implements neither MessageHandler.Whole nor MessageHandler.Partial");
        }
        Class<?> type = GenericTypes.typeArgument(handler.getClass(), target);
        if (type == null) {
            throw new IllegalStateException("Cannot tell the message type of handler " + handler.getClass().getName()
                    + " (a lambda or a generic class erases it); use Session.addMessageHandler(Class, handler)");
        }
        return type;
    }
}
