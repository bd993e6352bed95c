package org.bowline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Stock Tomcat 11, its own WebSocket implementation (lib/tomcat-websocket.jar) left in place, as the
 * README's steps leave it: the WAR gets Bowline, and Tomcat's own examples keep Tomcat's.
 */
class TomcatDistributionIT extends TomcatScenario {

    @Override
    String extraSteps() {
        return "";
    }

    @Test
    @Order(30)
    void tomcatsOwnWebSocketExampleStillWorks() throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        try {
            QueueingClient client = QueueingClient.connect(container,
                    URI.create("ws://127.0.0.1:" + port + "/examples/websocket/echoAnnotation"), false);
            assertEquals("Tomcat's own", client.exchange("Tomcat's own"), "Tomcat's examples echo");
            client.closeNormally();
        } finally {
            if (container instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
