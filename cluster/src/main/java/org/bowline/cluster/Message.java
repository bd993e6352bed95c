package org.bowline.cluster;

import java.nio.ByteBuffer;

/** One published message, shared by all the subscribers it goes to (never changed). */
final class Message {

    private final String text;
    private final byte[] data;
    private final int offset;
    private final int length;
    private final long size;

    private Message(String text, byte[] data, int offset, int length, long size) {
        this.text = text;
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.size = size;
    }

    /** @param utf8Length the text's size on the wire, which the pending-bytes limit counts */
    static Message text(String text, long utf8Length) {
        return new Message(text, null, 0, 0, utf8Length);
    }

    static Message binary(byte[] data, int offset, int length) {
        return new Message(null, data, offset, length, length);
    }

    long size() {
        return size;
    }

    void sendTo(Subscriber subscriber, Subscriber.Sent sent) {
        if (text != null) {
            subscriber.sendText(text, sent);
        } else {
            // Each subscriber gets its own buffer: a send may consume it.
            subscriber.sendBinary(ByteBuffer.wrap(data, offset, length).slice(), sent);
        }
    }
}
