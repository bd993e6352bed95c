package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;
import org.bowline.adapter.service.RawHttp;

/** {@code upgrade}: only a request with the bearer token is upgraded; both answers carry X-Upgrade-Handled. */
class UpgradeScenarioTest {

    @Test
    void upgradesTheTokenBearerWithTheHeaderAndRefusesOthersWith401() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("upgrade", "--port", "0")) {
            URI url = scenario.awaitReady();
            int port = url.getPort();
            RawHttp refused = RawHttp.upgrade(port, "/ws");
            assertEquals(401, refused.status(), refused.head());
            assertTrue(refused.hasHeader("X-Upgrade-Handled", "true"), refused.head());
            assertTrue(refused.body().contains("Authorization"), refused.body());
            RawHttp wrong = RawHttp.upgrade(port, "/ws", "Authorization: Bearer letmeout");
            assertEquals(401, wrong.status(), wrong.head());
            assertTrue(wrong.body().contains("not valid"), wrong.body());

            RawHttp accepted = RawHttp.upgrade(port, "/ws", "Authorization: Bearer letmein");
            assertEquals(101, accepted.status(), accepted.head());
            assertTrue(accepted.hasHeader("X-Upgrade-Handled", "true"), accepted.head());
            try (JdkClient client = JdkClient.connect(url, "Authorization", "Bearer letmein")) {
                client.sendText("Hello!");
                assertEquals("Echo: Hello!", client.nextText());
            }
        }
    }
}
