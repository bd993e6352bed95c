package org.bowline.container.session;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;


/** {@code RemoteEndpoint.Basic}: every send returns once its bytes are handed to the transport. */
final class BasicRemote extends RemoteBase implements RemoteEndpoint.Basic {

    BasicRemote(Outbound outbound) {
        super(outbound);
    }

    @Override
    public void sendText(String text) throws IOException {
        outbound.sendBlocking(true, utf8(text));
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        outbound.sendBlocking(false, notNull(data, "data"));
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) throws IOException {
        outbound.sendPartBlocking(true, utf8(partialMessage), isLast);
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) throws IOException {
        outbound.sendPartBlocking(false, notNull(partialByte, "partialByte"), isLast);
    }

    @Override
    public OutputStream getSendStream() {
        return new MessageOutputStream(outbound);
    }

    @Override
    public Writer getSendWriter() {
        return new MessageWriter(outbound);
    }

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        ObjectMessages.Encoded encoded = ObjectMessages.encode(data);
        outbound.sendBlocking(encoded.text(), encoded.payload());
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(notNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
