package org.bowline.container.server.conformance;

import org.bowline.container.server.BowlineServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A family of cases run against a fresh echo server, one connection per case. */
abstract class ConformanceFamily {

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
