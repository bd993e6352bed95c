package org.bowline.container.server.conformance;

import org.bowline.container.server.BowlineServer;

/** Bowline's standalone server with the echo endpoint: the target unless another one is chosen. */
final class StandaloneEchoTarget implements EchoTarget {

    private BowlineServer server;

    @Override
    public int start() throws Exception {
        server = EchoServer.start();
        return server.port();
    }

    @Override
    public void stop() {
        server.stop();
    }
}
