package org.bowline.adapter.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A synchronous WebSocket client: the constructor connects, writes return once the message is on
 * its way, reads wait for the next message (up to the read timeout).
 *
 * <pre>{@code
 * try (Client client = new Client("ws://127.0.0.1:8080/ws")) {
 *     client.writeTextMessage("Hello!");
 *     String reply = client.readTextMessage();
 * }
 * }</pre>
 *
 * <p>The connection lives on its own, whether or not the application reads: pings are answered on
 * arrival, the server's close is answered, and received messages wait in an inbox of
 * {@link ClientConfiguration#maxQueuedMessages()} (when it is full, the connection stops taking
 * more from the socket until the application reads). With {@link RetryConfig retry} or
 * {@link FailoverConfig failover} configured, a failed connect or an abnormal close (1006) makes it
 * connect again; reads wait through it, and a write that failed because the connection dropped is
 * sent again on the new connection. Safe for one reader and any number of writers at a time.
 *
 * <p>A message over 128 KiB goes out as a fragmented message of 64 KiB frames ({@link MessageParts}
 * says why: sent whole, it would stop the client reading until the server took it); a write that
 * times out half-way through one closes the connection with 1011, as nothing could follow it.
 */
public final class Client implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Client.class.getName());

    private final ClientConfiguration config;
    private final Inbox inbox;
    private final Reconnector reconnector;
    private final Service pingPong;
    private final boolean answersPings;
    private volatile CompletableFuture<ClientConnector.Connected> link;
    private volatile boolean closing;

    /** Connects with the default configuration. */
    public Client(String url) {
        this(url, ClientConfiguration.defaults());
    }

    /**
     * Connects, retrying and failing over as configured.
     *
     * @throws IllegalArgumentException if {@code url} is not a ws:// or wss:// URL
     * @throws WebSocketError           naming the URL: {@link ConnectError}, {@link HandshakeError},
     *                                  {@link HandshakeTimedOutError} or {@link SslError}
     */
    public Client(String url, ClientConfiguration config) {
        this(url, config, Scheduler.system());
    }

    Client(String url, ClientConfiguration config, Scheduler scheduler) {
        ClientConnector.parse(url);
        this.config = config;
        this.inbox = new Inbox(config.maxQueuedMessages());
        this.pingPong = config.pingPongService();
        this.answersPings = ClientEndpoint.answersPings(pingPong);
        ReconnectPlan plan = new ReconnectPlan(url, config.retry(), config.failover());
        this.reconnector = new Reconnector(plan, scheduler, config.connectionListener(),
                target -> ClientConnector.connect(target, config, new InboxEndpoint(target)));
        this.link = reconnector.connectFirst();
        connected();
    }

    // ---- writing ----

    public void writeTextMessage(String text) {
        write(c -> c.writeTextMessage(text));
    }

    public void writeBinaryMessage(byte[] data) {
        write(c -> c.writeBinaryMessage(data));
    }

    public void ping(byte[] data) {
        connected().caller().ping(data);
    }

    public void pong(byte[] data) {
        connected().caller().pong(data);
    }

    /**
     * Runs one write; if it failed because the connection dropped and a reconnect follows, runs it
     * again on the new connection.
     */
    private void write(Consumer<ClientCaller> write) {
        ClientCaller caller = connected().caller();
        while (true) {
            try {
                write.accept(caller);
                return;
            } catch (ConnectionClosureError e) {
                if (e.statusCode() != 1006 || closing || !reconnector.reconnects()) {
                    throw e;
                }
                // Once its onClose has run, a reconnect (if the close calls for one) has started. Bounded:
                // onClose waits behind message deliveries, which wait while the inbox is full.
                try {
                    caller.closeFuture().get(ClientCaller.CLOSE_SETTLES_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                } catch (ExecutionException | TimeoutException unsettled) {
                    throw e;
                }
                ClientCaller next = connected().caller();
                if (next == caller) {
                    throw caller.closureError();
                }
                caller = next;
            }
        }
    }

    /** The current connection, waiting while a reconnect is under way. */
    private ClientConnector.Connected connected() {
        try {
            return link.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The current connection, or null while (re)connecting or after giving up. */
    private ClientConnector.Connected currentOrNull() {
        CompletableFuture<ClientConnector.Connected> l = link;
        return l.isDone() && !l.isCompletedExceptionally() ? l.join() : null;
    }

    // ---- reading ----

    /** The next message, which must be text; see {@link #readMessage()}. */
    public String readTextMessage() {
        return (String) read(Inbox.Kind.TEXT);
    }

    /** The next message, which must be binary; see {@link #readMessage()}. */
    public byte[] readBinaryMessage() {
        return (byte[]) read(Inbox.Kind.BINARY);
    }

    /**
     * The next message: a {@code String} or a {@code byte[]}. Messages received before the connection
     * closed are read first; then this throws {@link ConnectionClosureError} with the close code.
     *
     * @throws ReadTimedOutError if none came within the read timeout (the client stays usable)
     */
    public Object readMessage() {
        return read(Inbox.Kind.ANY);
    }

    private Object read(Inbox.Kind kind) {
        String url = reconnector.currentUrl();
        try {
            Object message = inbox.take(kind, config.readTimeout(), url);
            if (message == null) {
                throw new ReadTimedOutError(url, config.readTimeout());
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebSocketError("Interrupted while reading from " + url);
        }
    }

    // ---- closing ----

    /** Closes with 1000 and waits (up to 5 s) for the server's close. */
    @Override
    public void close() {
        close(1000, "", Duration.ofSeconds(5));
    }

    /** Closes without waiting for the server's close. */
    public void close(int statusCode, String reason) {
        closing = true;
        reconnector.stop(new ConnectionClosureError(reconnector.currentUrl(), statusCode, "closed by the client"));
        ClientConnector.Connected current = currentOrNull();
        if (current != null) {
            current.caller().close(statusCode, reason);
        } else {
            link.completeExceptionally(new ConnectionClosureError(reconnector.currentUrl(), statusCode,
                    "closed by the client"));
            inbox.end(new ConnectionClosureError(reconnector.currentUrl(), statusCode, "closed by the client"));
        }
    }

    /**
     * Closes and waits until the server's close arrives or {@code timeout} passes.
     *
     * @return whether the server's close arrived in time
     */
    public boolean close(int statusCode, String reason, Duration timeout) {
        close(statusCode, reason);
        ClientConnector.Connected current = currentOrNull();
        return current == null || current.caller().close(statusCode, reason, timeout);
    }

    // ---- the connection ----

    /** The headers of the server's 101 response (of the current connection). */
    public Map<String, List<String>> getResponseHeaders() {
        return connected().responseHeaders();
    }

    /** The subprotocol the server chose, or null. */
    public String getNegotiatedSubProtocol() {
        return connected().caller().getNegotiatedSubProtocol();
    }

    /** The URL of the current connection (with failover, the target it reached). */
    public String getUrl() {
        return reconnector.currentUrl();
    }

    public String getConnectionId() {
        return connected().caller().getConnectionId();
    }

    public boolean isOpen() {
        ClientConnector.Connected current = currentOrNull();
        return current != null && current.caller().isOpen();
    }

    public boolean isSecure() {
        return connected().caller().isSecure();
    }

    /** The connection ended: end the inbox, or connect again if it dropped and the configuration says so. */
    private void connectionClosed(ClientCaller caller, int statusCode, String reason) {
        ClientConnector.Connected current = currentOrNull();
        if (current == null || current.caller() != caller) {
            return;
        }
        ConnectionClosureError error = ClientCaller.closureError(caller.url(), statusCode, reason);
        if (statusCode == 1006 && !closing && reconnector.reconnects()) {
            // The link is replaced before the first attempt can start: with no delay, the new connection
            // could otherwise open and drop while the link still named this one, and its close be ignored.
            CompletableFuture<ClientConnector.Connected> next = new CompletableFuture<>();
            link = next;
            reconnector.reconnect(error).whenComplete((connected, failed) -> {
                if (failed != null) {
                    next.completeExceptionally(failed);
                    inbox.end(failed instanceof WebSocketError w ? w : error);
                } else if (!next.complete(connected)) {
                    // close() ended the link while this connection was opening: nobody will use it
                    connected.caller().close(1001, "client closed");
                }
            });
        } else {
            // Writes learn the code before readers do: a reader that sees the close and then writes must get
            // the same code, not 1006 from a close its onClose has not finished recording.
            caller.closed(statusCode, reason);
            inbox.end(error);
        }
    }

    /** One connection's endpoint: messages to the inbox, control frames to the ping/pong service. */
    private final class InboxEndpoint extends ClientEndpoint {

        InboxEndpoint(String url) {
            super(url, config, true);
        }

        @Override
        public boolean containerAnswersPings() {
            return !answersPings;
        }

        @Override
        void onOpen(ClientCaller caller) {
        }

        @Override
        void onText(ClientCaller caller, String text) {
            deliver(text);
        }

        @Override
        void onBinary(ClientCaller caller, byte[] data) {
            deliver(data);
        }

        private void deliver(Object message) {
            try {
                inbox.put(message);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        void onPing(ClientCaller caller, byte[] data) {
            if (pingPong != null) {
                pingPong.onPing(caller, data);
            }
        }

        @Override
        void onPong(ClientCaller caller, byte[] data) {
            if (pingPong != null) {
                pingPong.onPong(caller, data);
            }
        }

        @Override
        void onClose(ClientCaller caller, int statusCode, String reason) {
            connectionClosed(caller, statusCode, reason);
        }

        @Override
        void onError(ClientCaller caller, Throwable error) {
            if (pingPong != null) {
                pingPong.onError(caller, error);
            } else {
                LOG.log(System.Logger.Level.WARNING, "Client of " + url() + ": " + error, error);
            }
        }

        @Override
        void asyncWriteFailed(Throwable error) {
            // writes of a Client block and throw; nothing is sent asynchronously
        }
    }
}
