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

    private final ObjectEncoding encoding;

    BasicRemote(Outbound outbound, ObjectEncoding encoding) {
        super(outbound);
        this.encoding = encoding;
    }

    @Override
    public void sendText(String text) throws IOException {
        outbound.sendTextBlocking(notNull(text, "text"));
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
        if (encoding.isPlainText(data)) {
            // An @OnMessage method's String reply: no encoder, so no need to encode it apart from its frame.
            outbound.sendTextBlocking((String) data);
            return;
        }
        CodecSpec streamEncoder = encoding.streamEncoder(data);
        if (streamEncoder == null) {
            ObjectEncoding.Encoded encoded = encoding.encode(data);
            outbound.sendBlocking(encoded.text(), encoded.payload());
            return;
        }
        // Checked before the encoder runs, so the refusal is not mistaken for an encoder failure.
        outbound.checkCanBeginMessage();
        if (streamEncoder.form().text) {
            // Straight onto the wire as fragments: a big object never needs its whole encoding in memory.
            MessageWriter writer = new MessageWriter(outbound);
            try {
                encoding.encodeTo(streamEncoder, data, writer, null);
            } catch (EncodeException | IOException | RuntimeException e) {
                writer.abandon();
                throw e;
            }
            writer.close();
        } else {
            MessageOutputStream stream = new MessageOutputStream(outbound);
            try {
                encoding.encodeTo(streamEncoder, data, null, stream);
            } catch (EncodeException | IOException | RuntimeException e) {
                stream.abandon();
                throw e;
            }
            stream.close();
        }
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
