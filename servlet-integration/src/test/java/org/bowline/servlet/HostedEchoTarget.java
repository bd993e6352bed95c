package org.bowline.servlet;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bowline.container.server.conformance.ConformanceTarget;
import org.bowline.container.server.conformance.EchoServer;
import org.bowline.container.session.SessionLimits;
import org.bowline.servlet.app.EchoApplication;

/**
 * The container's conformance cases' echo server, served through the servlet bridge: one web
 * application at the root of a {@link ServletHost}, with {@link EchoApplication}'s endpoint and
 * the standalone echo server's limits as context init parameters. The cases run unchanged.
 */
abstract class HostedEchoTarget implements ConformanceTarget.Factory {

    /** A fresh, unstarted host. */
    abstract ServletHost newHost();

    @Override
    public ConformanceTarget start() throws Exception {
        SessionLimits limits = EchoServer.limits();
        Map<String, String> parameters = Map.of(
                ContextLimits.PREFIX + "maxTextMessageBytes", Long.toString(limits.maxTextMessageBytes()),
                ContextLimits.PREFIX + "maxBinaryMessageBytes", Long.toString(limits.maxBinaryMessageBytes()),
                ContextLimits.PREFIX + "maxFramePayload", Long.toString(limits.maxFramePayload()),
                ContextLimits.PREFIX + "maxOutboundQueuedBytes", Long.toString(limits.maxOutboundQueuedBytes()),
                ContextLimits.PREFIX + "maxInboundPendingBytes", Long.toString(limits.maxInboundPendingBytes()));
        ServletHost host = newHost();
        int port = host.start(List.of(new ServletHost.WebApp("", Set.of(EchoApplication.class), parameters)));
        return new ConformanceTarget() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public String path() {
                return "/echo";
            }

            @Override
            public void close() {
                try {
                    host.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("stopping " + host.getClass().getSimpleName() + " failed", e);
                }
            }
        };
    }
}
