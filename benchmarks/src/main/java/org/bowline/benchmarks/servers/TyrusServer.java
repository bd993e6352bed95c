package org.bowline.benchmarks.servers;

import java.util.Map;

import org.bowline.benchmarks.endpoints.Endpoints;
import org.bowline.benchmarks.endpoints.Limits;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.Server;

/** Tyrus 2.2's standalone server (Grizzly). */
public final class TyrusServer implements BenchServer {

    private Server server;

    @Override
    public void start(String host, int port) throws Exception {
        // Tyrus's frame buffer is a server property (4 MiB by default), not a session setting.
        server = new Server(host, port, "/", Map.of(TyrusWebSocketEngine.INCOMING_BUFFER_SIZE, Limits.BIG_MESSAGE + 1024),
                Endpoints.ALL);
        server.start();
    }

    @Override
    public void stop() {
        server.stop();
    }
}
