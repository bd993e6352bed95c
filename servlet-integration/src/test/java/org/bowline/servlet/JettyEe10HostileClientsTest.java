package org.bowline.servlet;

/** {@link BridgeHostileClientsTest} on embedded Jetty 12.1, ee10. */
class JettyEe10HostileClientsTest extends BridgeHostileClientsTest {

    JettyEe10HostileClientsTest() {
        super("Jetty 12.1 ee10");
    }

    @Override
    ServletHost newHost(long idleTimeoutMillis) {
        return new JettyEe10Host(idleTimeoutMillis);
    }

    @Override
    String idleTimeoutSetting() {
        return "connector idle timeout";
    }
}
