package org.bowline.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import org.bowline.container.io.QueueBudget;
import org.bowline.container.io.TickTimer;
import org.bowline.container.server.UpgradeOutcome;

/**
 * The servlet container's handle on one upgraded connection. The container creates it inside
 * {@code HttpServletRequest.upgrade} and calls {@link #init} when the 101 has gone out; the
 * handshake's outcome arrives through {@link #attach} right after {@code upgrade} returns. The
 * WebSocket session starts once both have happened, in whichever order a container chooses.
 */
public final class WebSocketUpgradeHandler implements HttpUpgradeHandler {

    private static final System.Logger LOG = System.getLogger(WebSocketUpgradeHandler.class.getName());

    private UpgradeOutcome.Accepted accepted;
    private ConnectionFacts facts;
    private ScheduledExecutorService timers;
    private TickTimer ticks;
    private OpenConnections connections;
    private QueueBudget budget;
    /** The host's own streams, if it offers them (see {@link UpgradedStreams}); known before init on hosts that do. */
    private UpgradedStreams hostStreams;
    private ServletConnection connection;
    private boolean started;

    /** Public and without arguments: servlet containers create upgrade handlers reflectively. */
    public WebSocketUpgradeHandler() {
    }

    /** The host's own streams for this connection, or null: call before returning from the request that upgraded. */
    synchronized void useHostStreams(UpgradedStreams streams) {
        this.hostStreams = streams;
    }

    void attach(UpgradeOutcome.Accepted accepted, ConnectionFacts facts, ScheduledExecutorService timers,
                TickTimer ticks, OpenConnections connections, QueueBudget budget) {
        synchronized (this) {
            this.budget = budget;
            this.accepted = accepted;
            this.facts = facts;
            this.timers = timers;
            this.ticks = ticks;
            this.connections = connections;
        }
        startIfReady();
    }

    @Override
    public void init(WebConnection webConnection) {
        ServletConnection created;
        UpgradedStreams streams;
        synchronized (this) {
            streams = hostStreams;
        }
        try {
            created = new ServletConnection(webConnection, null, streams);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot use the upgraded connection", e);
            closeQuietly(webConnection);
            return;
        }
        // The servlet spec allows the stream listeners to be set only from init.
        created.listen();
        synchronized (this) {
            connection = created;
        }
        startIfReady();
    }

    /** Opens the session once both the connection and the outcome are here; never under our lock, as it reads. */
    private void startIfReady() {
        ServletConnection c;
        UpgradeOutcome.Accepted outcome;
        synchronized (this) {
            if (started || accepted == null || connection == null) {
                return;
            }
            started = true;
            c = connection;
            outcome = accepted;
            c.describe(facts, timers, ticks, connections, budget);
        }
        if (!connections.add(c)) {
            c.closeNow(new IOException("the web application is stopping"));
            return;
        }
        try {
            outcome.open(c).start(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot open the WebSocket session on " + c, e);
            c.closeNow(new IOException("session failed to open: " + e, e));
        }
    }

    @Override
    public void destroy() {
        ServletConnection c;
        synchronized (this) {
            c = connection;
        }
        if (c != null) {
            c.closeNow(null);
        }
    }

    private static void closeQuietly(WebConnection webConnection) {
        try {
            webConnection.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing the upgraded connection failed", e);
        }
    }
}
