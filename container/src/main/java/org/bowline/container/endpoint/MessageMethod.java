package org.bowline.container.endpoint;

import java.util.Set;

/**
 * An {@code @OnMessage} method: what it receives and how.
 *
 * @param kinds          the message kinds it takes: one, or text and binary for a type that has
 *                       decoders of both
 * @param messageType    the type to register a handler for (primitives boxed)
 * @param partial        whether it takes parts of a message with a {@code boolean last}
 * @param maxMessageSize {@code @OnMessage(maxMessageSize)}; not positive when not set
 */
record MessageMethod(EndpointMethod method, Set<MessageKind> kinds, Class<?> messageType, boolean partial,
                     long maxMessageSize) {

    MessageMethod {
        kinds = Set.copyOf(kinds);
    }
}
