package org.bowline.container.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Future;

import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;


/** {@code RemoteEndpoint.Async}: sends queue and return at once; results come later. */
final class AsyncRemote extends RemoteBase implements RemoteEndpoint.Async {

    private final ObjectEncoding encoding;

    AsyncRemote(Outbound outbound, ObjectEncoding encoding) {
        super(outbound);
        this.encoding = encoding;
    }

    @Override
    public long getSendTimeout() {
        return outbound.sendTimeoutMillis();
    }

    @Override
    public void setSendTimeout(long timeoutmillis) {
        outbound.setSendTimeoutMillis(timeoutmillis);
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        BasicRemote.notNull(handler, "handler");
        outbound.sendAsync(true, BasicRemote.utf8(text), handler);
    }

    @Override
    public Future<Void> sendText(String text) {
        return outbound.sendAsync(true, BasicRemote.utf8(text), null);
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        return outbound.sendAsync(false, BasicRemote.notNull(data, "data"), null);
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        BasicRemote.notNull(handler, "handler");
        outbound.sendAsync(false, BasicRemote.notNull(data, "data"), handler);
    }

    @Override
    public Future<Void> sendObject(Object data) {
        return encodeAndSend(data, null);
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        BasicRemote.notNull(handler, "handler");
        encodeAndSend(data, handler);
    }

    /**
     * Encodes on the calling thread (stream encoders into memory, so the caller never waits for
     * the peer), then queues the message; an encoding failure fails the Future or SendHandler.
     */
    private Future<Void> encodeAndSend(Object data, SendHandler handler) {
        ObjectEncoding.Encoded encoded;
        try {
            encoded = encoding.encode(data);
        } catch (EncodeException | IOException e) {
            return outbound.failAsync(e, handler);
        }
        return outbound.sendAsync(encoded.text(), encoded.payload(), handler);
    }
}
