package org.bowline.benchmarks.servers;

import java.util.HashSet;

import org.bowline.benchmarks.endpoints.Endpoints;
import org.bowline.servlet.BowlineServletContainerInitializer;
import org.bowline.servlet.jetty.JettyUpgradedInput;

/** Embedded Jetty 12.1 (ee10) without its WebSocket jars, Bowline's servlet integration as the provider. */
public final class BowlineOnJetty implements BenchServer {

    private final JettyHost host = new JettyHost();

    @Override
    public void start(String hostName, int port) throws Exception {
        host.start(hostName, port,
                context -> context.addServletContainerInitializer(new BowlineServletContainerInitializer(),
                        new HashSet<>(Endpoints.ALL).toArray(Class<?>[]::new)),
                JettyUpgradedInput::new);
    }

    @Override
    public void stop() throws Exception {
        host.stop();
    }
}
