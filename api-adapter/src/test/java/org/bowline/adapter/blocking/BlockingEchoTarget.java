package org.bowline.adapter.blocking;

import org.bowline.container.server.conformance.ConformanceTarget;

/**
 * The container's server-role conformance cases run against this (see the surefire execution
 * {@code blocking-echo-conformance}): the blocking echo server, with the demo server's 64 MiB limits.
 */
public final class BlockingEchoTarget implements ConformanceTarget.Factory {

    static final long MIB = 1024 * 1024;

    @Override
    public ConformanceTarget start() throws Exception {
        BlockingServer server = WebSockets.serve("127.0.0.1", 0, Options.defaults().withMaxMessageSize(64 * MIB), ws -> {
            for (var msg : ws) {
                ws.send(msg);
            }
        });
        return new ConformanceTarget() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public String path() {
                return "/";
            }

            @Override
            public void close() {
                try {
                    server.forceClose();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
