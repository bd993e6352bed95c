package org.bowline.container.session;

import java.nio.ByteBuffer;

import jakarta.websocket.EncodeException;

/**
 * What {@code sendObject} does without an application encoder: strings and the primitive
 * wrappers go as text, byte arrays and buffers as binary (Jakarta WebSocket 2.2, section 2.1.2).
 */
final class ObjectMessages {

    /** A message ready to send: text (UTF-8 encoded) or binary. */
    record Encoded(boolean text, ByteBuffer payload) {
    }

    private ObjectMessages() {
    }

    static Encoded encode(Object data) throws EncodeException {
        if (data == null) {
            throw new IllegalArgumentException("sendObject: the object to send must not be null");
        }
        if (data instanceof ByteBuffer buffer) {
            return new Encoded(false, buffer);
        }
        if (data instanceof byte[] bytes) {
            return new Encoded(false, ByteBuffer.wrap(bytes));
        }
        if (data instanceof String || data instanceof Number || data instanceof Boolean || data instanceof Character) {
            return new Encoded(true, ByteBuffer.wrap(data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        throw new EncodeException(data, "No encoder for " + data.getClass().getName()
                + ": register an Encoder for it in the endpoint configuration");
    }
}
