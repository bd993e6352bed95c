package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;

/** {@code close}: the server prints the code and reason of a client's close. */
class CloseScenarioTest {

    @Test
    void printsTheClientsCloseCodeAndReason() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("close", "--port", "0")) {
            URI url = scenario.awaitReady();
            try (JdkClient client = JdkClient.connect(url)) {
                client.sendClose(1001, "going home");
                scenario.awaitLine("Client closed connection with 1001 because of going home");
                assertEquals(1001, client.nextClose().code());
            }
        }
    }
}
