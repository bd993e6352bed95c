package org.bowline.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.bowline.container.server.BowlineServerContainer;

/**
 * When a web application stops: closes its WebSocket sessions (those it opened as a client too) with
 * 1001 (going away), so peers learn why (RFC 6455 section 7.4.1), gives their close handshakes a
 * moment, cuts the connections still open, and ends the application's session and timer threads - all before it returns, as
 * the application's class loader goes away right after (a task left for later would fail to load
 * its classes, and a thread left running would keep the class loader).
 */
final class WebAppShutdown implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(WebAppShutdown.class.getName());

    /** How long running callbacks (an endpoint's onClose, say) get to finish before they are interrupted. */
    private static final long CALLBACKS_MILLIS = 5_000;

    private final BowlineServerContainer container;
    private final OpenConnections connections;
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final AppThreads threads;
    private final long graceMillis;

    WebAppShutdown(BowlineServerContainer container, OpenConnections connections, ExecutorService executor,
                   ScheduledExecutorService timers, AppThreads threads, long graceMillis) {
        this.container = container;
        this.connections = connections;
        this.executor = executor;
        this.timers = timers;
        this.threads = threads;
        this.graceMillis = graceMillis;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        String name = event.getServletContext().getContextPath();
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "The web application is stopping");
        for (Session session : container.allOpenSessions()) {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Closing session " + session.getId() + " failed", e);
            }
        }
        // Client connections the application opened through its ServerContainer: their I/O threads are
        // joined here, and their sessions' last callbacks queued on the executor stopped below.
        container.stopClientConnections(graceMillis);
        boolean interrupted = false;
        try {
            connections.closeAll(graceMillis);
        } catch (InterruptedException e) {
            interrupted = true;
            connections.closeAllNow();
        }
        // The close steps and onClose calls the cut connections queued still run; nothing new is accepted.
        executor.shutdown();
        timers.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CALLBACKS_MILLIS);
        try {
            if (!interrupted && !executor.awaitTermination(CALLBACKS_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "Web application {0}: WebSocket callbacks still running {1} ms after it"
                        + " stopped; interrupting them", name.isEmpty() ? "/" : name, CALLBACKS_MILLIS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        executor.shutdownNow();
        try {
            List<Thread> running = threads.awaitEnded(interrupted ? System.nanoTime() : deadline + 1_000_000_000L);
            if (!running.isEmpty()) {
                LOG.log(Level.WARNING, "Web application {0}: Bowline threads {1} did not end; they keep its class"
                        + " loader", name.isEmpty() ? "/" : name, running.stream().map(Thread::getName).toList());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
