package org.bowline.servlet;

/** {@link ServletContainerWebSocketTest} on embedded Tomcat 11 (Servlet 6.1), without Tomcat's own WebSocket jar. */
class TomcatWebSocketTest extends ServletContainerWebSocketTest {

    TomcatWebSocketTest() {
        super(new TomcatHost());
    }
}
