package org.bowline.benchmarks.servers;

import org.bowline.servlet.BowlineServletContainerInitializer;

/** Embedded Tomcat 11 without its WebSocket jar, Bowline's servlet integration as the provider. */
public final class BowlineOnTomcat implements BenchServer {

    private final TomcatHost host = new TomcatHost();

    @Override
    public void start(String hostName, int port) throws Exception {
        host.start(hostName, port, new BowlineServletContainerInitializer());
    }

    @Override
    public void stop() throws Exception {
        host.stop();
    }
}
