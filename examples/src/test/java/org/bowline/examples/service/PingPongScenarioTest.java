package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;

/** {@code pingpong}: the service sees pings (and answers them) and pongs, and prints their data in base64. */
class PingPongScenarioTest {

    @Test
    void printsEachPingAndPongWithItsDataAndAnswersThePing() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("pingpong", "--port", "0")) {
            URI url = scenario.awaitReady();
            try (JdkClient client = JdkClient.connect(url)) {
                client.sendPing("hello");
                assertEquals(new JdkClient.Pong("hello"), client.next());
                scenario.awaitLine("Ping received with data: aGVsbG8=");
                client.sendPong("hi");
                scenario.awaitLine("Pong received with data: aGk=");
            }
        }
    }
}
