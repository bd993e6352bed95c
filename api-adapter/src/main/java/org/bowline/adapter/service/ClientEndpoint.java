package org.bowline.adapter.service;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import org.bowline.container.session.PingListener;

/**
 * The Jakarta endpoint behind one client connection: it turns the session's callbacks into calls
 * with a {@link ClientCaller} and plain {@code String}/{@code byte[]} data. What happens to them is
 * the subclass's business ({@link Client} queues messages for its reader, {@link AsyncClient}
 * hands them to a {@link Service}).
 */
abstract class ClientEndpoint extends Endpoint implements PingListener {

    private final String url;
    private final ClientConfiguration config;
    private final boolean blocking;
    private final CompletableFuture<ClientCaller> opened = new CompletableFuture<>();
    private volatile ClientCaller caller;

    ClientEndpoint(String url, ClientConfiguration config, boolean blocking) {
        this.url = url;
        this.config = config;
        this.blocking = blocking;
    }

    /** Completes once onOpen has made the caller (right after the handshake). */
    final CompletableFuture<ClientCaller> opened() {
        return opened;
    }

    final String url() {
        return url;
    }

    @Override
    public final void onOpen(Session session, EndpointConfig endpointConfig) {
        Duration writeTimeout = config.writeTimeout();
        session.getAsyncRemote().setSendTimeout(writeTimeout.toMillis());
        ClientCaller c = new ClientCaller(session, url, blocking, writeTimeout, this::asyncWriteFailed);
        caller = c;
        session.addMessageHandler(String.class, text -> onText(c, text));
        session.addMessageHandler(ByteBuffer.class, data -> onBinary(c, bytes(data)));
        session.addMessageHandler(PongMessage.class, pong -> onPong(c, bytes(pong.getApplicationData())));
        opened.complete(c);
        onOpen(c);
    }

    @Override
    public final void onPing(Session session, ByteBuffer applicationData) {
        onPing(caller, bytes(applicationData));
    }

    @Override
    public final void onClose(Session session, CloseReason reason) {
        ClientCaller c = caller;
        if (c == null) {
            return; // onOpen never ran: the connect failed and the connector reports it
        }
        // The subclass settles first (a reconnect starts there), then writers waiting on the close see it.
        try {
            onClose(c, reason.getCloseCode().getCode(), reason.getReasonPhrase());
        } finally {
            c.closed(reason);
        }
    }

    @Override
    public final void onError(Session session, Throwable error) {
        onError(caller, error);
    }

    abstract void onOpen(ClientCaller caller);

    abstract void onText(ClientCaller caller, String text);

    abstract void onBinary(ClientCaller caller, byte[] data);

    abstract void onPing(ClientCaller caller, byte[] data);

    abstract void onPong(ClientCaller caller, byte[] data);

    abstract void onClose(ClientCaller caller, int statusCode, String reason);

    abstract void onError(ClientCaller caller, Throwable error);

    /** An async write failed after it was queued. */
    abstract void asyncWriteFailed(Throwable error);

    private static byte[] bytes(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        return b;
    }

    /** Whether {@code service} answers pings itself (overrides {@link Service#onPing}); else the container does. */
    static boolean answersPings(Service service) {
        if (service == null) {
            return false;
        }
        try {
            return service.getClass().getMethod("onPing", Caller.class, byte[].class).getDeclaringClass()
                    != Service.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Service.onPing(Caller, byte[]) exists", e);
        }
    }
}
