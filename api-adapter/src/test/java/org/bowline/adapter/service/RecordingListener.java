package org.bowline.adapter.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes down what a client's reconnecting did, one line per event. */
final class RecordingListener implements ConnectionListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void connected(String url, boolean reconnected) {
        events.add((reconnected ? "reconnected " : "connected ") + url);
    }

    @Override
    public void reconnecting(String url, Duration delay, int attempt, WebSocketError cause) {
        events.add("attempt " + attempt + " to " + url + " in " + delay.toMillis() + " ms");
    }

    @Override
    public void gaveUp(WebSocketError cause) {
        events.add("gave up: " + cause.getClass().getSimpleName());
    }
}
