package org.bowline.adapter.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A WebSocket client whose messages and control frames go to a {@link Service}, with a
 * {@link Caller} for this connection; its own writes return at once with a future.
 *
 * <pre>{@code
 * AsyncClient client = new AsyncClient("ws://127.0.0.1:8080/ws", new Service() {
 *     public Object onTextMessage(Caller caller, String text) {
 *         System.out.println(text);
 *         return null;
 *     }
 * });
 * client.writeTextMessage("Hello!");
 * }</pre>
 *
 * The constructor connects (retrying and failing over as configured) and returns once the
 * connection is open. Each connection has its own {@code onOpen ... onClose}: after an abnormal
 * close (1006) with retry or failover configured, the service hears {@code onClose} with 1006, then
 * {@code onOpen} with the new connection's caller. Writes made while the client reconnects wait and
 * go out, in order, on the new connection; a write that failed because the connection dropped is
 * sent again there.
 */
public final class AsyncClient implements AutoCloseable {

    /** A write, numbered in the order it was made. */
    private record Pending(long number, Function<ClientCaller, CompletableFuture<Void>> send,
                           CompletableFuture<Void> result) {
    }

    private final Reconnector reconnector;
    private final Object lock = new Object();
    /**
     * Writes waiting for a connection, oldest first by number: the writes a drop failed come back in the
     * order their failures are reported (the reverse of their order, as a future's dependents run), and
     * after writes made since; they must still go out in the order they were made.
     */
    private final PriorityQueue<Pending> waiting = new PriorityQueue<>(Comparator.comparingLong(Pending::number));
    private long written;
    /** The connection the waiting writes are being sent to; meanwhile new writes wait behind them. */
    private ClientCaller flushingTo;
    private ClientConnector.Connected current;
    private WebSocketError ended;
    private volatile boolean closing;

    public AsyncClient(String url, Service service) {
        this(url, ClientConfiguration.defaults(), service);
    }

    /**
     * @throws IllegalArgumentException if {@code url} is not a ws:// or wss:// URL
     * @throws WebSocketError           naming the URL, if no connection could be made
     */
    public AsyncClient(String url, ClientConfiguration config, Service service) {
        this(url, config, service, Scheduler.system());
    }

    AsyncClient(String url, ClientConfiguration config, Service service, Scheduler scheduler) {
        ClientConnector.parse(url);
        if (service == null) {
            throw new IllegalArgumentException("An AsyncClient needs a Service");
        }
        ReconnectPlan plan = new ReconnectPlan(url, config.retry(), config.failover());
        this.reconnector = new Reconnector(plan, scheduler, config.connectionListener(),
                target -> ClientConnector.connect(target, config,
                        new ClientServiceEndpoint(target, config, service, this::connectionClosed)));
        CompletableFuture<ClientConnector.Connected> first = reconnector.connectFirst();
        settle(first);
        try {
            first.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    // ---- writing ----

    public CompletableFuture<Void> writeTextMessage(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return send(c -> c.sendText(text));
    }

    public CompletableFuture<Void> writeBinaryMessage(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        return send(c -> c.sendBinary(java.nio.ByteBuffer.wrap(data)));
    }

    public void ping(byte[] data) {
        caller().ping(data);
    }

    public void pong(byte[] data) {
        caller().pong(data);
    }

    private CompletableFuture<Void> send(Function<ClientCaller, CompletableFuture<Void>> send) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        long number;
        synchronized (lock) {
            number = written++;
        }
        submit(new Pending(number, send, result));
        return result;
    }

    private void submit(Pending write) {
        ClientCaller caller;
        synchronized (lock) {
            if (ended != null) {
                write.result().completeExceptionally(ended);
                return;
            }
            if (current == null || flushingTo != null) {
                waiting.add(write);
                return;
            }
            caller = current.caller();
        }
        sendOn(caller, write);
    }

    private void sendOn(ClientCaller caller, Pending write) {
        CompletableFuture<Void> sent;
        try {
            sent = write.send().apply(caller);
        } catch (WebSocketError e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                write.result().complete(null);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof ConnectionClosureError closure && closure.statusCode() == 1006 && !closing
                    && reconnector.reconnects()) {
                // once this connection's close is settled, the write waits for (or goes to) the next one
                caller.closeFuture().whenComplete((frame, ignored) -> submit(write));
            } else {
                write.result().completeExceptionally(cause);
            }
        });
    }

    private ClientCaller caller() {
        synchronized (lock) {
            if (ended != null) {
                throw ended;
            }
            if (current == null) {
                throw new ConnectionClosureError(reconnector.currentUrl(), 1006, "reconnecting");
            }
            return current.caller();
        }
    }

    // ---- connecting ----

    /** Takes the outcome of a (re)connect: the new connection gets the writes that waited, in order. */
    private void settle(CompletableFuture<ClientConnector.Connected> connecting) {
        connecting.whenComplete((connected, failure) -> {
            if (failure != null) {
                synchronized (lock) {
                    ended = failure instanceof CompletionException && failure.getCause() instanceof WebSocketError w ? w
                            : failure instanceof WebSocketError w ? w
                            : new WebSocketError("Connecting to " + reconnector.currentUrl() + " failed: " + failure,
                                    failure);
                }
                failWaiting();
                return;
            }
            synchronized (lock) {
                current = connected;
                flushingTo = connected.caller();
            }
            flush(connected.caller());
        });
    }

    /**
     * Sends the waiting writes on {@code caller}, oldest first, one at a time from the queue: writes made
     * meanwhile queue behind them instead of overtaking them. Stops if the connection goes away (its
     * failed writes come back to the queue for the next one).
     */
    private void flush(ClientCaller caller) {
        while (true) {
            Pending next;
            synchronized (lock) {
                boolean stillCurrent = current != null && current.caller() == caller && ended == null;
                next = stillCurrent ? waiting.poll() : null;
                if (next == null) {
                    if (flushingTo == caller) {
                        flushingTo = null;
                    }
                    return;
                }
            }
            sendOn(caller, next);
        }
    }

    private void connectionClosed(ClientCaller caller, CloseFrame frame) {
        boolean reconnect;
        synchronized (lock) {
            if (current == null || current.caller() != caller) {
                return;
            }
            current = null;
            flushingTo = null;
            reconnect = frame.statusCode() == 1006 && !closing && reconnector.reconnects();
            if (!reconnect) {
                ended = ClientCaller.closureError(caller.url(), frame.statusCode(), frame.reason());
            }
        }
        if (reconnect) {
            settle(reconnector.reconnect(ClientCaller.closureError(caller.url(), 1006, frame.reason())));
        } else {
            failWaiting();
        }
    }

    /** The waiting writes, oldest first; under the lock. */
    private ArrayDeque<Pending> drainWaiting() {
        ArrayDeque<Pending> all = new ArrayDeque<>(waiting.size());
        for (Pending p; (p = waiting.poll()) != null; ) {
            all.addLast(p);
        }
        return all;
    }

    private void failWaiting() {
        ArrayDeque<Pending> failed;
        WebSocketError why;
        synchronized (lock) {
            failed = drainWaiting();
            why = ended;
        }
        failed.forEach(p -> p.result().completeExceptionally(why));
    }

    // ---- closing ----

    /** Closes with 1000 and waits (up to 5 s) for the server's close. */
    @Override
    public void close() {
        close(1000, "", Duration.ofSeconds(5));
    }

    public void close(int statusCode, String reason) {
        closing = true;
        ConnectionClosureError closed = new ConnectionClosureError(reconnector.currentUrl(), statusCode,
                "closed by the client");
        reconnector.stop(closed);
        ClientConnector.Connected connected;
        synchronized (lock) {
            connected = current;
            if (connected == null && ended == null) {
                ended = closed;
            }
        }
        if (connected != null) {
            connected.caller().close(statusCode, reason);
        } else {
            failWaiting();
        }
    }

    /** @return whether the server's close arrived within {@code timeout} */
    public boolean close(int statusCode, String reason, Duration timeout) {
        ClientConnector.Connected connected;
        synchronized (lock) {
            connected = current;
        }
        close(statusCode, reason);
        return connected == null || connected.caller().close(statusCode, reason, timeout);
    }

    // ---- the connection ----

    public Map<String, List<String>> getResponseHeaders() {
        synchronized (lock) {
            return current == null ? Map.of() : current.responseHeaders();
        }
    }

    public String getNegotiatedSubProtocol() {
        return caller().getNegotiatedSubProtocol();
    }

    public String getUrl() {
        return reconnector.currentUrl();
    }

    public boolean isOpen() {
        synchronized (lock) {
            return current != null && current.caller().isOpen();
        }
    }

    public boolean isSecure() {
        return caller().isSecure();
    }
}
