package org.bowline.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A message as it travels through Redis: one kind byte ({@code T} text, {@code B} binary), the
 * publishing node's id (16 bytes), the payload. The node id lets a node skip its own messages
 * when Redis hands them back: it delivered them to its own subscribers when they were published.
 */
final class Envelope {

    static final int HEADER = 17;
    private static final byte TEXT = 'T';
    private static final byte BINARY = 'B';

    private Envelope() {
    }

    static byte[] text(byte[] nodeId, String text) {
        return wrap(TEXT, nodeId, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] binary(byte[] nodeId, byte[] data) {
        return wrap(BINARY, nodeId, data);
    }

    private static byte[] wrap(byte kind, byte[] nodeId, byte[] payload) {
        byte[] envelope = new byte[HEADER + payload.length];
        envelope[0] = kind;
        System.arraycopy(nodeId, 0, envelope, 1, 16);
        System.arraycopy(payload, 0, envelope, HEADER, payload.length);
        return envelope;
    }

    static byte[] nodeId(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    /** Whether the envelope is well formed: something else may publish on a channel with our prefix. */
    static boolean valid(byte[] envelope) {
        return envelope != null && envelope.length >= HEADER && (envelope[0] == TEXT || envelope[0] == BINARY);
    }

    static boolean from(byte[] envelope, byte[] nodeId) {
        for (int i = 0; i < 16; i++) {
            if (envelope[1 + i] != nodeId[i]) {
                return false;
            }
        }
        return true;
    }

    /** The message inside a {@link #valid} envelope. */
    static Message open(byte[] envelope) {
        int length = envelope.length - HEADER;
        if (envelope[0] == TEXT) {
            return Message.text(new String(envelope, HEADER, length, StandardCharsets.UTF_8), length);
        }
        return Message.binary(envelope, HEADER, length);
    }
}
