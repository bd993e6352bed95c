package org.bowline.servlet;

/** {@link BridgeHostileClientsTest} on embedded Tomcat 11, without Tomcat's own WebSocket jar. */
class TomcatHostileClientsTest extends BridgeHostileClientsTest {

    TomcatHostileClientsTest() {
        super("Tomcat 11");
    }

    @Override
    ServletHost newHost(long idleTimeoutMillis) {
        return new TomcatHost(idleTimeoutMillis);
    }

    @Override
    String idleTimeoutSetting() {
        return "connectionTimeout";
    }
}
