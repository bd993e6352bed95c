package org.bowline.benchmarks.servers;

import org.apache.tomcat.websocket.server.WsSci;

/** Embedded Tomcat 11 with its own WebSocket implementation (tomcat-embed-websocket). */
public final class TomcatServer implements BenchServer {

    private final TomcatHost host = new TomcatHost();

    @Override
    public void start(String hostName, int port) throws Exception {
        host.start(hostName, port, new WsSci());
    }

    @Override
    public void stop() throws Exception {
        host.stop();
    }
}
