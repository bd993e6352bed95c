package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;

/** {@code broadcast}: a POST to the HTTP port reaches every connected client. */
class BroadcastScenarioTest {

    @Test
    void aPostedMessageReachesEveryConnectedClientAndIsAnsweredOk() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("broadcast", "--port", "0", "--http-port", "0")) {
            URI url = scenario.awaitReady();
            String httpLine = scenario.seen().stream().filter(line -> line.startsWith("HTTP ")).findFirst().orElseThrow();
            URI broadcast = URI.create(httpLine.substring("HTTP ".length()));
            assertTrue(broadcast.toString().matches("http://127\\.0\\.0\\.1:\\d+/broadcaster/broadcast"), httpLine);
            try (JdkClient a = JdkClient.connect(url)) {
                // A client is registered once it has seen a broadcast of its own making.
                a.sendText("a is here");
                assertEquals("a is here", a.nextText());
                try (JdkClient b = JdkClient.connect(url)) {
                    b.sendText("b is here");
                    assertEquals("b is here", b.nextText());
                    assertEquals("b is here", a.nextText());

                    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(broadcast)
                            .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("Hello!")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, answer.statusCode());
                    assertEquals("OK", answer.body());
                    assertEquals("Hello!", a.nextText());
                    assertEquals("Hello!", b.nextText());

                    HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(broadcast).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(405, get.statusCode());
                }
            }
        }
    }
}
