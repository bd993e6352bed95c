package org.bowline.servlet;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bowline.container.server.conformance.EchoServer;
import org.bowline.container.server.conformance.EchoTarget;
import org.bowline.container.session.SessionLimits;
import org.bowline.servlet.app.EchoApplication;

/**
 * The container's conformance cases' echo server, served through the servlet bridge: one web
 * application at the root of a {@link ServletHost}, with {@link EchoApplication}'s endpoint and
 * the standalone echo server's limits as context init parameters. The cases run unchanged.
 */
abstract class HostedEchoTarget implements EchoTarget {

    private final ServletHost host;

    HostedEchoTarget(ServletHost host) {
        this.host = host;
    }

    @Override
    public int start() throws Exception {
        SessionLimits limits = EchoServer.limits();
        Map<String, String> parameters = Map.of(
                ContextLimits.PREFIX + "maxTextMessageBytes", Long.toString(limits.maxTextMessageBytes()),
                ContextLimits.PREFIX + "maxBinaryMessageBytes", Long.toString(limits.maxBinaryMessageBytes()),
                ContextLimits.PREFIX + "maxFramePayload", Long.toString(limits.maxFramePayload()),
                ContextLimits.PREFIX + "maxOutboundQueuedBytes", Long.toString(limits.maxOutboundQueuedBytes()),
                ContextLimits.PREFIX + "maxInboundPendingBytes", Long.toString(limits.maxInboundPendingBytes()));
        return host.start(List.of(new ServletHost.WebApp("", Set.of(EchoApplication.class), parameters)));
    }

    @Override
    public void stop() throws Exception {
        host.stop();
    }
}
