package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;

/** {@code subprotocol}: the client's first acceptable subprotocol wins, and the server says which. */
class SubprotocolScenarioTest {

    @Test
    void aClientAskingForMqttThenJsonGetsJsonAndTheServerPrintsIt() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("subprotocol", "--port", "0")) {
            URI url = scenario.awaitReady();
            try (JdkClient client = JdkClient.connect(url, List.of("mqtt", "json"))) {
                assertEquals("json", client.socket.getSubprotocol());
                scenario.awaitLine("Negotiated sub-protocol: json");
                client.sendText("still served");
                assertEquals("Echo: still served", client.nextText());
            }
        }
    }
}
