package org.bowline.servlet;

/** {@link ServletContainerWebSocketTest} on embedded Jetty 12.1, ee10 (Servlet 6.0). */
class JettyEe10WebSocketTest extends ServletContainerWebSocketTest {

    JettyEe10WebSocketTest() {
        super(new JettyEe10Host());
    }
}
