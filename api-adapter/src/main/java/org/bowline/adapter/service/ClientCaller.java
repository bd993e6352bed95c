package org.bowline.adapter.service;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * A {@link Caller} over one client-side Jakarta {@link Session}. In blocking mode a write returns
 * once the message was handed to the socket, waiting while the peer reads slowly (bounded by the
 * write timeout, the session's send timeout); in async mode it returns at once and a failure goes
 * to {@code asyncFailure}. Either way a write to a closed connection
 * throws {@link ConnectionClosureError} with the code it closed with.
 */
final class ClientCaller implements Caller {

    /** How long a blocking write that failed waits for the connection's close to be reported. */
    static final long CLOSE_SETTLES_MILLIS = 10_000;
    /**
     * The same for an async write: shorter, as an async send also fails, at once, when the outbound
     * queue is full on a healthy connection, and that failure should not be reported late.
     */
    private static final long ASYNC_CLOSE_SETTLES_MILLIS = 2_000;

    private final Session session;
    private final String url;
    private final boolean blocking;
    private final Duration writeTimeout;
    private final Consumer<Throwable> asyncFailure;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final CompletableFuture<CloseFrame> closed = new CompletableFuture<>();
    private volatile CloseFrame closeSent;

    ClientCaller(Session session, String url, boolean blocking, Duration writeTimeout,
                 Consumer<Throwable> asyncFailure) {
        this.session = session;
        this.url = url;
        this.blocking = blocking;
        this.writeTimeout = writeTimeout;
        this.asyncFailure = asyncFailure;
    }

    String url() {
        return url;
    }

    /** The session's onClose: from now on writes fail with this code. */
    void closed(CloseReason reason) {
        closed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    /** As {@link #closed(CloseReason)}; only the first call counts. */
    void closed(int statusCode, String reason) {
        closed.complete(new CloseFrame(statusCode, reason));
    }

    /** Completes with the close code and reason once the connection has closed. */
    CompletableFuture<CloseFrame> closeFuture() {
        return closed;
    }

    /** The error a write to this closed (or closing) connection gets. */
    ConnectionClosureError closureError() {
        CloseFrame frame = closed.getNow(null);
        if (frame == null) {
            frame = closeSent != null ? closeSent : new CloseFrame(1006, "the connection was lost");
        }
        return closureError(url, frame.statusCode(), frame.reason());
    }

    static ConnectionClosureError closureError(String url, int statusCode, String reason) {
        return statusCode == 1009 ? new PayloadTooLargeError(url, reason)
                : new ConnectionClosureError(url, statusCode, reason);
    }

    @Override
    public void writeTextMessage(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        requireOpen();
        if (blocking) {
            try {
                MessageParts.sendText(session.getBasicRemote(), text);
            } catch (MessageParts.CutShort e) {
                throw cutShort(e);
            } catch (IOException | IllegalStateException e) {
                throw failure(e);
            }
        } else {
            report(sendText(text));
        }
    }

    @Override
    public void writeBinaryMessage(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        writeBinary(ByteBuffer.wrap(data));
    }

    private void writeBinary(ByteBuffer data) {
        requireOpen();
        if (blocking) {
            try {
                MessageParts.sendBinary(session.getBasicRemote(), data);
            } catch (MessageParts.CutShort e) {
                throw cutShort(e);
            } catch (IOException | IllegalStateException e) {
                throw failure(e);
            }
        } else {
            report(sendBinary(data));
        }
    }

    @Override
    public void writeMessage(Object message) {
        if (message instanceof String text) {
            writeTextMessage(text);
        } else if (message instanceof byte[] data) {
            writeBinaryMessage(data);
        } else if (message instanceof ByteBuffer buffer) {
            writeBinary(buffer);
        } else if (message instanceof CloseFrame frame) {
            close(frame.statusCode(), frame.reason());
        } else if (message != null) {
            throw new IllegalArgumentException("Cannot send a " + message.getClass().getName() + " to " + url
                    + ": write a String, byte[], ByteBuffer or CloseFrame");
        }
    }

    /** Queues a text message; the future completes once it was written, or fails with a {@link WebSocketError}. */
    CompletableFuture<Void> sendText(String text) {
        requireOpen();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            session.getAsyncRemote().sendText(text, result -> settle(sent, result));
        } catch (IllegalStateException e) {
            sent.completeExceptionally(failure(e));
        }
        return sent;
    }

    CompletableFuture<Void> sendBinary(ByteBuffer data) {
        requireOpen();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            session.getAsyncRemote().sendBinary(data, result -> settle(sent, result));
        } catch (IllegalStateException e) {
            sent.completeExceptionally(failure(e));
        }
        return sent;
    }

    private void settle(CompletableFuture<Void> sent, SendResult result) {
        Throwable cause = result.getException();
        if (result.isOK()) {
            sent.complete(null);
        } else if (cause instanceof IOException && !(cause instanceof SocketTimeoutException) && !closed.isDone()) {
            // An async send also fails when the outbound queue is full, on a healthy connection: it is a
            // closure only if the connection's close follows at once.
            closed.copy().orTimeout(ASYNC_CLOSE_SETTLES_MILLIS, TimeUnit.MILLISECONDS).whenComplete((frame, notClosed) -> {
                if (frame != null) {
                    ConnectionClosureError error = closureError();
                    error.initCause(cause);
                    sent.completeExceptionally(error);
                } else {
                    sent.completeExceptionally(new WebSocketError("Writing to " + url + " failed: "
                            + cause.getMessage(), cause));
                }
            });
        } else {
            sent.completeExceptionally(failure(cause));
        }
    }

    @Override
    public void ping(byte[] data) {
        requireOpen();
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(data == null ? new byte[0] : data));
        } catch (IOException | IllegalStateException e) {
            throw failure(e);
        }
    }

    @Override
    public void pong(byte[] data) {
        requireOpen();
        try {
            session.getAsyncRemote().sendPong(ByteBuffer.wrap(data == null ? new byte[0] : data));
        } catch (IOException | IllegalStateException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        close(1000, "");
    }

    @Override
    public void close(int statusCode, String reason) {
        CloseFrame frame = new CloseFrame(statusCode, reason);
        if (closeSent == null) {
            closeSent = frame;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(statusCode), frame.reason()));
        } catch (IOException e) {
            throw new ConnectionClosureError(url, 1006, "closing failed: " + e.getMessage());
        }
    }

    @Override
    public boolean close(int statusCode, String reason, Duration timeout) {
        close(statusCode, reason);
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    @Override
    public String getConnectionId() {
        return session.getId();
    }

    @Override
    public String getNegotiatedSubProtocol() {
        String p = session.getNegotiatedSubprotocol();
        return p == null || p.isEmpty() ? null : p;
    }

    @Override
    public boolean isOpen() {
        return session.isOpen() && closeSent == null && !closed.isDone();
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

    private void requireOpen() {
        if (!isOpen()) {
            throw closureError();
        }
    }

    private void report(CompletableFuture<Void> sent) {
        sent.whenComplete((ok, e) -> {
            if (e != null) {
                asyncFailure.accept(e);
            }
        });
    }

    /**
     * A blocking write failed half-way through a message that went in parts. If the connection is gone
     * anyway, the write is one the connection's end failed (and a reconnect may send it again). Otherwise
     * (the write timed out) the message can neither be finished nor followed by another one, and the
     * writers waiting behind it would wait forever: the connection is closed.
     */
    private WebSocketError cutShort(MessageParts.CutShort e) {
        WebSocketError error = failure(e.getCause());
        if (!(error instanceof ConnectionClosureError)) {
            try {
                close(1011, "a write timed out in the middle of a message");
            } catch (WebSocketError alreadyGone) {
                // the write's own error says what happened
            }
        }
        return error;
    }

    /** A failed send: the connection closed under it, or something else went wrong. */
    private WebSocketError failure(Throwable cause) {
        if (cause instanceof WebSocketError error) {
            return error;
        }
        if (cause instanceof SocketTimeoutException) {
            return new WriteTimedOutError(url, writeTimeout);
        }
        // A blocking send waits while the peer is slow, so any other I/O failure means the connection
        // failed or closed; its onClose may still be on the way, hence 1006 until it says otherwise.
        if (blocking && (cause instanceof IOException || cause instanceof IllegalStateException)
                || !session.isOpen() || closed.isDone() || closeSent != null) {
            ConnectionClosureError error = closureError();
            error.initCause(cause);
            return error;
        }
        return new WebSocketError("Writing to " + url + " failed: " + cause.getMessage(), cause);
    }
}
