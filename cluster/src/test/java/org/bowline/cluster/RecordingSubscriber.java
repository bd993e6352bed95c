package org.bowline.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscriber in memory: keeps what it is sent, in order. It completes each send at once, or,
 * when {@code stalled}, keeps the sends pending (a peer that stopped reading) until {@link #release}.
 */
final class RecordingSubscriber implements Subscriber {

    private final List<String> messages = new ArrayList<>();
    private final List<Sent> pending = new ArrayList<>();
    private final boolean stalled;
    private boolean open = true;
    private int closeCode;

    RecordingSubscriber(boolean stalled) {
        this.stalled = stalled;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public void sendText(String text, Sent sent) {
        record(text, sent);
    }

    @Override
    public void sendBinary(ByteBuffer data, Sent sent) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        record("binary:" + new String(bytes, StandardCharsets.UTF_8), sent);
    }

    private void record(String message, Sent sent) {
        synchronized (this) {
            messages.add(message);
            if (stalled) {
                pending.add(sent);
                return;
            }
        }
        sent.done(null);
    }

    /** Completes every pending send. */
    void release() {
        List<Sent> done;
        synchronized (this) {
            done = new ArrayList<>(pending);
            pending.clear();
        }
        done.forEach(sent -> sent.done(null));
    }

    @Override
    public synchronized void close(int code, String reason) {
        open = false;
        closeCode = code;
    }

    /** Closes as a peer would, without the topics being told. */
    synchronized void disconnect() {
        open = false;
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    synchronized int closeCode() {
        return closeCode;
    }
}
