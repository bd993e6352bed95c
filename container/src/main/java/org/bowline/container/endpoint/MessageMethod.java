package org.bowline.container.endpoint;

/**
 * An {@code @OnMessage} method: what it receives and how.
 *
 * @param messageType    the type to register a handler for (primitives boxed)
 * @param partial        whether it takes parts of a message with a {@code boolean last}
 * @param maxMessageSize {@code @OnMessage(maxMessageSize)}; not positive when not set
 */
record MessageMethod(EndpointMethod method, MessageKind kind, Class<?> messageType, boolean partial,
                     long maxMessageSize) {
}
