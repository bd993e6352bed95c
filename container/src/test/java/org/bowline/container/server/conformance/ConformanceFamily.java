package org.bowline.container.server.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A family of cases run against a fresh echo server (see {@link EchoTarget}), one connection per case. */
abstract class ConformanceFamily {

    private static EchoTarget target;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        target = EchoTarget.chosen();
        port = target.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        target.stop();
    }

    /** The echo server's port. */
    static int port() {
        return port;
    }

    /** Opens a plain connection, runs the case on it and closes the socket whatever happened. */
    static void runOnNewConnection(Scenario scenario) throws Exception {
        try (WireClient client = WireClient.open(port)) {
            scenario.run(client);
        }
    }
}
