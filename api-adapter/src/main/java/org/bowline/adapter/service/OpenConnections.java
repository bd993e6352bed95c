package org.bowline.adapter.service;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The open connections of the services attached to one listener (or one mount), so a graceful stop
 * can close them all and wait; once {@link #refuseNew() refusing}, upgrades are answered 503.
 */
final class OpenConnections {

    private final Set<SessionCaller> callers = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;

    void add(SessionCaller caller) {
        callers.add(caller);
    }

    void remove(SessionCaller caller) {
        callers.remove(caller);
    }

    int size() {
        return callers.size();
    }

    void refuseNew() {
        refusing = true;
    }

    boolean refusing() {
        return refusing;
    }

    /**
     * Starts the close handshake of every open connection with {@code code} and waits until all have
     * closed or {@code timeout} passed.
     *
     * @return whether every connection closed in time
     */
    boolean closeAll(int code, String reason, Duration timeout) throws InterruptedException {
        List<SessionCaller> open = List.copyOf(callers);
        for (SessionCaller caller : open) {
            caller.close(code, reason);
        }
        CompletableFuture<?> all = CompletableFuture.allOf(
                open.stream().map(SessionCaller::closedFuture).toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
