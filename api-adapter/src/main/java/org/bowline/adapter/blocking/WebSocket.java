package org.bowline.adapter.blocking;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

/**
 * One connection, for straight-line code: {@link #receive()} the next message, {@link #send}
 * messages, iterate with {@code for (var msg : ws)}. Pings from the peer are answered by Bowline
 * at once, also while nobody is receiving; pongs are not returned as messages.
 *
 * <p>One thread receives; any number may send: each message goes out whole, its frames never
 * interleaved with another message's.
 */
public final class WebSocket implements Iterable<Object> {

    private final Session session;
    private final Inbox inbox;
    private final long closeTimeoutMillis;

    WebSocket(Session session, Inbox inbox, long closeTimeoutMillis) {
        this.session = session;
        this.inbox = inbox;
        this.closeTimeoutMillis = closeTimeoutMillis;
    }

    /**
     * Blocks for the next text or binary message, whole (fragments joined).
     *
     * @return a {@code String} for text, a {@code byte[]} for binary
     * @throws ConnectionClosedException once the connection is closed and the messages received
     *                                   before the close have been returned; it carries the close code
     */
    public Object receive() throws InterruptedException {
        return inbox.receive();
    }

    /** Sends a text message. */
    public void send(String text) throws IOException {
        Objects.requireNonNull(text, "text");
        sending(remote -> remote.sendText(text));
    }

    /** Sends a binary message. */
    public void send(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        sending(remote -> remote.sendBinary(ByteBuffer.wrap(data)));
    }

    /**
     * Sends one fragmented message, one frame per element: Strings make a text message, byte
     * arrays (or ByteBuffers) a binary one; the first element fixes the type. Each text element
     * must hold whole characters. Nothing is sent for an empty Iterable.
     *
     * @throws IllegalArgumentException for an element of another type than the first, or null;
     *                                  if fragments had gone out already, the connection is closed with 1011
     */
    public void send(Iterable<?> fragments) throws IOException {
        Objects.requireNonNull(fragments, "fragments");
        sending(remote -> sendFragments(remote, fragments));
    }

    /**
     * Sends {@code message} by what it is: a String as text, a byte[] or ByteBuffer as binary, an
     * Iterable as a fragmented message; so {@code for (var msg : ws) ws.send(msg)} echoes.
     */
    public void send(Object message) throws IOException {
        if (message instanceof String text) {
            send(text);
        } else if (message instanceof byte[] data) {
            send(data);
        } else if (message instanceof ByteBuffer data) {
            send(bytes(data));
        } else if (message instanceof Iterable<?> fragments) {
            send(fragments);
        } else {
            throw new IllegalArgumentException("Cannot send a " + (message == null ? "null" : message.getClass().getName())
                    + ": a message is a String, a byte[], a ByteBuffer or an Iterable of fragments");
        }
    }

    /** Sends a ping with an empty payload. */
    public void ping() throws IOException {
        ping(new byte[0]);
    }

    /** Sends a ping; {@code payload} at most 125 bytes. */
    public void ping(byte[] payload) throws IOException {
        ByteBuffer data = control(payload, "ping");
        sending(remote -> remote.sendPing(data));
    }

    /** Sends an unsolicited pong (a heartbeat); {@code payload} at most 125 bytes. */
    public void pong(byte[] payload) throws IOException {
        ByteBuffer data = control(payload, "pong");
        sending(remote -> remote.sendPong(data));
    }

    /** {@code close(1000, "")}. */
    public void close() throws IOException {
        close(1000, "");
    }

    /**
     * Closes the connection with {@code code} and {@code reason}, and waits for the peer's close,
     * at most the close timeout (then the connection is dropped). Does nothing once closed.
     *
     * @throws IllegalArgumentException for a code that may not be sent (RFC 6455 7.4) or a reason
     *                                  longer than 123 UTF-8 bytes
     */
    public void close(int code, String reason) throws IOException {
        String text = reason == null ? "" : reason;
        if (!sendableCloseCode(code)) {
            throw new IllegalArgumentException("Close code " + code + " may not be sent: use 1000-1003, 1007-1013 or 3000-4999");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("A close reason holds at most 123 UTF-8 bytes: " + text);
        }
        if (inbox.closedOrNull() != null) {
            return;
        }
        inbox.release();
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), text));
        try {
            inbox.awaitClosed(closeTimeoutMillis + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the connection is closed (or closing has begun and cannot be undone). */
    public boolean isClosed() {
        return inbox.closedOrNull() != null || !session.isOpen();
    }

    /**
     * The messages, as {@link #receive()} returns them. The iteration ends quietly when the
     * connection closes normally (1000, 1001 or no status code) and throws the
     * {@link ConnectionClosedException} otherwise.
     */
    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private Object next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (ended) {
                    return false;
                }
                try {
                    next = receive();
                    return true;
                } catch (ConnectionClosedException e) {
                    if (e.isNormal()) {
                        ended = true;
                        return false;
                    }
                    throw e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for a message", e);
                }
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The connection is closed");
                }
                Object message = next;
                next = null;
                return message;
            }
        };
    }

    /** The URL this connection was opened to (a client), or the request URI (a server). */
    public URI uri() {
        return session.getRequestURI();
    }

    /** The subprotocol agreed in the handshake; empty when none. */
    public String subprotocol() {
        String protocol = session.getNegotiatedSubprotocol();
        return protocol == null ? "" : protocol;
    }

    /** Identifies this connection among those of its server or client. */
    public String id() {
        return session.getId();
    }

    /** Starts the close handshake without waiting for it to end (a server closing many at once). */
    void startClose(int code, String reason) {
        inbox.release();
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            // already closed
        }
    }

    /** The close, or null while open. */
    ConnectionClosedException closedOrNull() {
        return inbox.closedOrNull();
    }

    /** Let deliveries stop waiting: the handler has ended. */
    void release() {
        inbox.release();
    }

    @Override
    public String toString() {
        return "WebSocket[" + session.getId() + " " + session.getRequestURI() + (isClosed() ? ", closed" : "") + "]";
    }

    // ---- sending ----

    private interface Send {
        void on(RemoteEndpoint.Basic remote) throws IOException;
    }

    /**
     * Sends, turning the failure of a send on a closed connection into a
     * {@link ConnectionClosedException} with the close code. The container's send gate keeps
     * messages from different threads whole.
     */
    private void sending(Send send) throws IOException {
        ConnectionClosedException closed = inbox.closedOrNull();
        if (closed != null) {
            throw new ConnectionClosedException(closed.code(), closed.reason());
        }
        try {
            send.on(session.getBasicRemote());
        } catch (IOException e) {
            // Nothing more can go out: deliveries must not wait for replies, and the close they
            // hold up behind them is what tells us the code.
            inbox.release();
            ConnectionClosedException close;
            try {
                close = inbox.awaitClosed(closeTimeoutMillis + 1000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                close = null;
            }
            if (close != null) {
                throw new ConnectionClosedException(close.code(), close.reason(), e);
            }
            throw e;
        }
    }

    private void sendFragments(RemoteEndpoint.Basic remote, Iterable<?> fragments) throws IOException {
        Iterator<?> elements = fragments.iterator();
        if (!elements.hasNext()) {
            return;
        }
        Object current = elements.next();
        boolean text = current instanceof String;
        checkFragment(current, text, 0, false);
        int index = 0;
        try {
            while (true) {
                boolean last = !elements.hasNext();
                Object following = last ? null : elements.next();
                if (!last) {
                    checkFragment(following, text, index + 1, index > 0);
                }
                if (text) {
                    remote.sendText((String) current, last);
                } else {
                    remote.sendBinary(current instanceof byte[] b ? ByteBuffer.wrap(b) : ((ByteBuffer) current).duplicate(), last);
                }
                if (last) {
                    return;
                }
                current = following;
                index++;
            }
        } catch (RuntimeException e) {
            if (index > 0) {
                abandon();
            }
            throw e;
        }
    }

    private void checkFragment(Object fragment, boolean text, int index, boolean started) {
        boolean ok = text ? fragment instanceof String : fragment instanceof byte[] || fragment instanceof ByteBuffer;
        if (!ok) {
            String what = fragment == null ? "null" : fragment.getClass().getName();
            throw new IllegalArgumentException("Fragment " + index + " is a " + what + " but the message is "
                    + (text ? "text: every fragment must be a String" : "binary: every fragment must be a byte[] or ByteBuffer")
                    + (started ? "; the fragments sent so far cannot be completed, so the connection is closed with 1011" : ""));
        }
    }

    /** A fragmented message cannot be finished: the peer must not take its first part for a message. */
    private void abandon() {
        inbox.release();
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Unfinished fragmented message"));
        } catch (IOException e) {
            // already closed: nothing more to stop
        }
    }

    private static ByteBuffer control(byte[] payload, String what) {
        Objects.requireNonNull(payload, what + " payload");
        if (payload.length > 125) {
            throw new IllegalArgumentException("A " + what + " payload holds at most 125 bytes, was " + payload.length);
        }
        return ByteBuffer.wrap(payload.clone());
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }

    static boolean sendableCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1013) || (code >= 3000 && code <= 4999);
    }
}
