package org.bowline.benchmarks.servers;

import org.bowline.benchmarks.endpoints.Endpoints;
import org.bowline.container.server.BowlineServer;

/** Bowline's own NIO server. */
public final class BowlineStandalone implements BenchServer {

    private BowlineServer server;

    @Override
    public void start(String host, int port) throws Exception {
        server = BowlineServer.builder().host(host).port(port).build();
        for (Class<?> endpoint : Endpoints.ALL) {
            server.container().addEndpoint(endpoint);
        }
        server.start();
    }

    @Override
    public void stop() {
        server.stop();
    }
}
