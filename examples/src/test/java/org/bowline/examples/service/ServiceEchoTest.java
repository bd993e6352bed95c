package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;

/** {@code service-echo}, started as a user starts it. */
class ServiceEchoTest {

    @Test
    void printsReadyAndAnswersTextWithEchoAndEchoesBinary() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("service-echo", "--port", "0")) {
            URI url = scenario.awaitReady();
            assertTrue(url.toString().matches("ws://127\\.0\\.0\\.1:\\d+/ws"), url.toString());
            try (JdkClient client = JdkClient.connect(url)) {
                client.sendText("Hello!");
                assertEquals("Echo: Hello!", client.nextText());
                client.sendBinary(new byte[] {0, 1, 2, (byte) 255});
                assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, client.nextBinary());
            }
            assertEquals(143, scenario.stop(), "SIGTERM ends it as the JVM does");
        }
    }
}
