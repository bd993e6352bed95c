package org.bowline.container.server.conformance;

import org.bowline.container.conformance.Case;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A family of cases run against a fresh echo server ({@link ConformanceTarget}), one connection per case. */
abstract class ConformanceFamily {

    static ConformanceTarget server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ConformanceTarget.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Runs a role-neutral case with this test as the client ({@link WireClientPeer}) on a new connection. */
    static void run(Case c) throws Exception {
        runOnNewConnection(client -> c.run(new WireClientPeer(client)));
    }

    /** Opens a plain connection, runs the case on it and closes the socket whatever happened. */
    static void runOnNewConnection(Scenario scenario) throws Exception {
        try (WireClient client = WireClient.open(server)) {
            scenario.run(client);
        }
    }
}
