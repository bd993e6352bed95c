package org.bowline.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.bowline.container.server.BowlineServerContainer;

/**
 * When a web application stops: closes its WebSocket sessions with 1001 (going away), so clients
 * learn why (RFC 6455 section 7.4.1), then, once their close handshakes have had time to finish,
 * ends the application's session and timer threads so none outlives it.
 */
final class WebAppShutdown implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(WebAppShutdown.class.getName());

    private final BowlineServerContainer container;
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final long graceMillis;

    WebAppShutdown(BowlineServerContainer container, ExecutorService executor, ScheduledExecutorService timers,
                   long graceMillis) {
        this.container = container;
        this.executor = executor;
        this.timers = timers;
        this.graceMillis = graceMillis;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "The web application is stopping");
        for (Session session : container.allOpenSessions()) {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Closing session " + session.getId() + " failed", e);
            }
        }
        try {
            timers.schedule(() -> {
                executor.shutdown();
                timers.shutdown();
            }, graceMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            executor.shutdown();
        }
    }
}
