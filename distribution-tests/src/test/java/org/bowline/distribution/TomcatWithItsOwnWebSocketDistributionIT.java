package org.bowline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's Tomcat steps without the one that removes lib/tomcat-websocket.jar, as the README says
 * one may leave it: Tomcat's implementation serves every application, the WAR included (Bowline steps
 * aside and says so once in the log), and Tomcat's own WebSocket examples keep working.
 */
@Tag(DeployedWarScenario.AWAITS_FIX)
class TomcatWithItsOwnWebSocketDistributionIT extends TomcatScenario {

    static final String REMOVE_STEP = "rm " + HOME + "/lib/tomcat-websocket.jar\n";

    @Override
    String layoutSteps() {
        String steps = readme.block("tomcat-layout");
        if (!steps.contains(REMOVE_STEP)) {
            throw new IllegalStateException("The README's Tomcat steps no longer say `" + REMOVE_STEP.strip() + "`:\n" + steps);
        }
        return steps.replace(REMOVE_STEP, "");
    }

    @Override
    String provider() {
        return "org.apache.tomcat.websocket.";
    }

    @Override
    List<Pattern> expectedWarnings() {
        // Bowline stepping aside for Tomcat's implementation, once per deployment of my-app (deployed twice).
        return List.of(Pattern.compile(" WARNING \\[[^]]+\\] org\\.bowline\\.servlet\\.\\S+ .*/my-app.*org\\.apache\\.tomcat\\.websocket"));
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
