package org.bowline.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.bowline.container.server.BowlineServerContainer;

/**
 * Closes a web application's WebSocket sessions with 1001 (going away) when the application
 * stops, so clients learn why instead of seeing the connection drop (RFC 6455 section 7.4.1).
 */
final class SessionsCloser implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(SessionsCloser.class.getName());

    private final BowlineServerContainer container;

    SessionsCloser(BowlineServerContainer container) {
        this.container = container;
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
    }
}
