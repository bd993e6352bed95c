package org.bowline.servlet;

/** {@link ServletContainerWebSocketTest} on embedded Jetty 12.1, ee11 (Servlet 6.1). */
class JettyEe11WebSocketTest extends ServletContainerWebSocketTest {

    JettyEe11WebSocketTest() {
        super(new JettyEe11Host());
    }
}
