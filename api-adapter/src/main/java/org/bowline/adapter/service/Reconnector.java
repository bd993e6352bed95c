package org.bowline.adapter.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Makes a client's connections as its {@link ReconnectPlan} says: the first one, and new ones after
 * an abnormal close, waiting through the {@link Scheduler} between attempts. Without failover a
 * TLS failure or a 4xx refusal ends the attempts at once (asking again would get the same answer).
 */
final class Reconnector {

    private final ReconnectPlan plan;
    private final Scheduler scheduler;
    private final ConnectionListener listener;
    private final Function<String, ClientConnector.Connected> connectTo;
    private volatile int current;
    private volatile boolean everConnected;
    private volatile WebSocketError stopped;

    Reconnector(ReconnectPlan plan, Scheduler scheduler, ConnectionListener listener,
                Function<String, ClientConnector.Connected> connectTo) {
        this.plan = plan;
        this.scheduler = scheduler;
        this.listener = listener;
        this.connectTo = connectTo;
    }

    /** The first connection: the first attempt runs on the calling thread, later ones (if any) on the scheduler's. */
    CompletableFuture<ClientConnector.Connected> connectFirst() {
        CompletableFuture<ClientConnector.Connected> result = new CompletableFuture<>();
        attempt(0, true, result);
        return result;
    }

    /** The connection dropped without a close frame ({@code cause}); connect again, if the plan says so. */
    CompletableFuture<ClientConnector.Connected> reconnect(WebSocketError cause) {
        CompletableFuture<ClientConnector.Connected> result = new CompletableFuture<>();
        afterFailure(0, false, cause, result);
        return result;
    }

    boolean reconnects() {
        return plan.reconnects();
    }

    /** The client is closed: attempts still to come fail with {@code why}. */
    void stop(WebSocketError why) {
        stopped = why;
    }

    String currentUrl() {
        return plan.targets().get(current);
    }

    private void attempt(int attempt, boolean initial, CompletableFuture<ClientConnector.Connected> result) {
        if (stopped != null) {
            result.completeExceptionally(stopped);
            return;
        }
        String url = currentUrl();
        ClientConnector.Connected connected;
        try {
            connected = connectTo.apply(url);
        } catch (WebSocketError e) {
            afterFailure(attempt, initial, e, result);
            return;
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        if (stopped != null) {
            connected.caller().close(1001, "client closed");
            result.completeExceptionally(stopped);
            return;
        }
        boolean reconnected = everConnected;
        everConnected = true;
        listener.connected(url, reconnected);
        result.complete(connected);
    }

    private void afterFailure(int attempt, boolean initial, WebSocketError cause,
                              CompletableFuture<ClientConnector.Connected> result) {
        int next = attempt + 1;
        if (stopped != null || !plan.allows(next, initial) || isFinal(cause)) {
            listener.gaveUp(cause);
            result.completeExceptionally(cause);
            return;
        }
        current = plan.next(current);
        Duration delay = plan.delayBefore(next);
        listener.reconnecting(currentUrl(), delay, next, cause);
        scheduler.schedule(() -> attempt(next, initial, result), delay);
    }

    private boolean isFinal(WebSocketError cause) {
        if (plan.targets().size() > 1) {
            return false;
        }
        return cause instanceof SslError
                || cause instanceof HandshakeError refused && refused.status() >= 400 && refused.status() < 500;
    }
}
