package org.bowline.servlet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The upgraded connections of one web application, so that when it stops none is left behind: they
 * get a moment to finish their close handshakes, then the rest are cut.
 */
final class OpenConnections {

    private final Set<ServletConnection> open = new HashSet<>();
    private boolean stopping;

    /** False, and nothing is added, once the application is stopping. */
    synchronized boolean add(ServletConnection connection) {
        if (stopping) {
            return false;
        }
        open.add(connection);
        return true;
    }

    synchronized void remove(ServletConnection connection) {
        open.remove(connection);
        if (open.isEmpty()) {
            notifyAll();
        }
    }

    /**
     * Takes no more connections, waits up to {@code graceMillis} for the open ones to close, then
     * closes the rest at once.
     */
    void closeAll(long graceMillis) throws InterruptedException {
        synchronized (this) {
            stopping = true;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
            long wait;
            while (!open.isEmpty() && (wait = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            }
        }
        closeAllNow();
    }

    /** Takes no more connections and closes the open ones at once. */
    void closeAllNow() {
        List<ServletConnection> left;
        synchronized (this) {
            stopping = true;
            left = new ArrayList<>(open);
        }
        for (ServletConnection connection : left) {
            connection.closeNow(new IOException("the web application stopped before the close handshake ended"));
        }
    }
}
