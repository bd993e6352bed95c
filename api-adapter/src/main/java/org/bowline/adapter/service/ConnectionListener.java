package org.bowline.adapter.service;

import java.time.Duration;

/**
 * Hears what a client's retry and failover do: every connection made, and every wait before
 * another attempt. Called on the client's connecting thread; keep it short.
 */
public interface ConnectionListener {

    /** A connection to {@code url} is open; {@code reconnected} is false for the client's first one. */
    default void connected(String url, boolean reconnected) {
    }

    /**
     * The connection failed or dropped ({@code cause}); attempt {@code attempt} (counting from 1 since
     * the last open connection) will connect to {@code url} after {@code delay}.
     */
    default void reconnecting(String url, Duration delay, int attempt, WebSocketError cause) {
    }

    /** No more attempts: the client is closed with {@code cause}. */
    default void gaveUp(WebSocketError cause) {
    }
}
