package org.bowline.adapter.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.bowline.container.frame.CloseCodes;

/**
 * {@link Caller} over a Jakarta {@link Session}. Sends go through the session's blocking remote,
 * which orders whole messages between threads, so a caller may be shared (a broadcast).
 */
final class SessionCaller implements Caller {

    private static final int MAX_REASON_BYTES = 123;
    private static final long CLOSE_CODE_WAIT_MILLIS = 2_000;

    private final Session session;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final CompletableFuture<CloseFrame> closed = new CompletableFuture<>();
    /** How the connection closed or is closing: our close, then the final word from onClose. */
    private volatile CloseFrame closure;
    /** The thread running one of this connection's callbacks, which onClose waits behind. */
    private volatile Thread callbackThread;

    SessionCaller(Session session) {
        this.session = session;
    }

    @Override
    public void writeTextMessage(String text) {
        requireOpen();
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException | IllegalStateException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public void writeBinaryMessage(byte[] data) {
        requireOpen();
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        } catch (IOException | IllegalStateException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public void writeMessage(Object message) {
        if (message instanceof String text) {
            writeTextMessage(text);
        } else if (message instanceof byte[] bytes) {
            writeBinaryMessage(bytes);
        } else if (message instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            writeBinaryMessage(bytes);
        } else if (message instanceof CloseFrame close) {
            close(close.statusCode(), close.reason());
        } else {
            throw new IllegalArgumentException("Connection " + getConnectionId() + " cannot send a "
                    + (message == null ? "null" : message.getClass().getName())
                    + ": send a String, byte[], ByteBuffer or CloseFrame");
        }
    }

    @Override
    public void ping(byte[] data) {
        requireOpen();
        try {
            session.getBasicRemote().sendPing(ByteBuffer.wrap(data));
        } catch (IOException | IllegalStateException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public void pong(byte[] data) {
        requireOpen();
        try {
            session.getBasicRemote().sendPong(ByteBuffer.wrap(data));
        } catch (IOException | IllegalStateException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public void close() {
        close(CloseCodes.NORMAL, "");
    }

    @Override
    public void close(int statusCode, String reason) {
        String why = reason == null ? "" : reason;
        if (!CloseCodes.isValidOnWire(statusCode)) {
            throw new IllegalArgumentException("Connection " + getConnectionId() + ": " + statusCode
                    + " is not a close code that may be sent (1000-1003, 1007-1014, 3000-4999)");
        }
        if (why.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("Connection " + getConnectionId()
                    + ": a close reason holds at most 123 UTF-8 bytes, was '" + why + "'");
        }
        synchronized (this) {
            if (closure != null) {
                return;
            }
            closure = new CloseFrame(statusCode, why);
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(statusCode), why));
        } catch (IOException | IllegalStateException e) {
            // Already closing or gone: the close this caller asked for happens or happened anyway.
        }
    }

    /**
     * {@inheritDoc} From inside one of this connection's own callbacks it cannot wait (the peer's
     * close is handled after the callback returns): it starts the close and returns whether the
     * connection had already closed.
     */
    @Override
    public boolean close(int statusCode, String reason, Duration timeout) {
        close(statusCode, reason);
        if (Thread.currentThread() == callbackThread) {
            return closed.isDone();
        }
        try {
            closed.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public String getConnectionId() {
        return session.getId();
    }

    @Override
    public String getNegotiatedSubProtocol() {
        String protocol = session.getNegotiatedSubprotocol();
        return protocol == null || protocol.isEmpty() ? null : protocol;
    }

    @Override
    public boolean isOpen() {
        return closure == null && session.isOpen();
    }

    @Override
    public boolean isSecure() {
        return session.isSecure();
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public Object removeAttribute(String name) {
        return attributes.remove(name);
    }

    @Override
    public String toString() {
        return "Caller[" + getConnectionId() + " " + session.getRequestURI() + "]";
    }

    // ---- for ServiceEndpoint ----

    /** The connection has closed with this code and reason (onClose is about to run). */
    void closed(int statusCode, String reason) {
        CloseFrame end = new CloseFrame(statusCode, reason);
        closure = end;
        closed.complete(end);
    }

    /** Completes once the connection has closed, with its close code and reason. */
    CompletableFuture<CloseFrame> closedFuture() {
        return closed;
    }

    void enterCallback() {
        callbackThread = Thread.currentThread();
    }

    void exitCallback() {
        callbackThread = null;
    }

    private void requireOpen() {
        if (closure != null || !session.isOpen()) {
            throw closedError(null);
        }
    }

    /**
     * A send fails when the connection closes under it (or a send timeout passes). Its close code may
     * not be known yet: outside this connection's callbacks, wait a moment for onClose to tell it.
     */
    private WebSocketError writeFailed(Exception e) {
        if (e instanceof java.net.SocketTimeoutException) {
            return new WebSocketError("Connection " + getConnectionId() + ": the write timed out: " + e.getMessage(), e);
        }
        return closedError(e);
    }

    /** The connection is closed or closing; says with which code, once onClose has told it. */
    private ConnectionClosureError closedError(Exception cause) {
        CloseFrame end = closure;
        if (end == null && Thread.currentThread() != callbackThread) {
            try {
                end = closed.get(CLOSE_CODE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException ignored) {
                // reported as abnormal below
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        ConnectionClosureError error = end != null
                ? new ConnectionClosureError(getConnectionId(), end.statusCode(), end.reason())
                : new ConnectionClosureError(getConnectionId(), CloseCodes.ABNORMAL,
                        cause == null ? "the connection is gone" : cause.getMessage());
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }
}
