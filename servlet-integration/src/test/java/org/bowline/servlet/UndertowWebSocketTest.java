package org.bowline.servlet;

/** {@link ServletContainerWebSocketTest} on embedded Undertow (undertow-servlet), without Undertow's own WebSocket jar. */
class UndertowWebSocketTest extends ServletContainerWebSocketTest {

    UndertowWebSocketTest() {
        super(new UndertowHost());
    }
}
