package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;
import org.bowline.adapter.service.RawHttp;

/** {@code chat} over WebSockets alone: joins, messages and leaves reach everyone, the sender included. */
class ChatScenarioTest {

    @Test
    void servesThePageOnTheSamePortAndEveryoneSeesJoinsMessagesAndLeaves() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("chat", "--port", "0")) {
            URI ready = scenario.awaitReady();
            int port = ready.getPort();
            assertEquals("ws://127.0.0.1:" + port + "/chat", ready.toString());
            assertTrue(scenario.seen().contains("Page: http://127.0.0.1:" + port + "/"), scenario.seen().toString());
            RawHttp page = RawHttp.get(port, "/");
            assertEquals(200, page.status(), page.head());
            assertTrue(page.hasHeader("Content-Type", "text/html; charset=utf-8"), page.head());
            assertTrue(page.body().contains("new WebSocket"), page.body());
            assertEquals(404, RawHttp.get(port, "/nothing-here").status());

            try (JdkClient ann = JdkClient.connect(URI.create(ready + "/ann"))) {
                assertEquals("ann joined", ann.nextText());
                try (JdkClient bob = JdkClient.connect(URI.create(ready + "/bob"))) {
                    assertEquals("bob joined", bob.nextText());
                    assertEquals("bob joined", ann.nextText());
                    bob.sendText("hi ann");
                    assertEquals("bob: hi ann", bob.nextText());
                    assertEquals("bob: hi ann", ann.nextText());
                    bob.sendClose(1000, "");
                }
                assertEquals("bob left", ann.nextText());
            }
        }
    }
}
