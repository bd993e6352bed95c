package org.bowline.container.server.conformance;

import org.bowline.container.server.BowlineServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A family of cases run against a fresh echo server, one connection per case. */
abstract class ConformanceFamily {

    /**
     * Why the cases that send a valid message and a failing (or closing) frame in ONE write are
     * disabled: Autobahn's strict verdict wants the message echoed before the close.
     */
    static final String ECHO_BEFORE_CLOSE_BUG = "BUG: WsSession.fail()/onClose() send the close on the I/O thread "
            + "before messages already handed to the session executor are delivered, so their echoes are dropped";

    static BowlineServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EchoServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    /** Opens a plain connection, runs the case on it and closes the socket whatever happened. */
    static void runOnNewConnection(Scenario scenario) throws Exception {
        try (WireClient client = WireClient.open(server.port())) {
            scenario.run(client);
        }
    }
}
