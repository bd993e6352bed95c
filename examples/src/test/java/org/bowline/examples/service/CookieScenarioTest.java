package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.bowline.adapter.service.JdkClient;
import org.bowline.adapter.service.RawHttp;

/** {@code cookie}: no session cookie, no upgrade. */
class CookieScenarioTest {

    @Test
    void refusesAnUpgradeWithoutTheSessionCookieAndServesOneWithIt() throws Exception {
        try (ScenarioProcess scenario = ScenarioProcess.start("cookie", "--port", "0")) {
            URI url = scenario.awaitReady();
            RawHttp refused = RawHttp.upgrade(url.getPort(), "/ws", "Cookie: theme=dark");
            assertEquals(401, refused.status(), refused.head());
            assertTrue(refused.body().contains("session"), refused.body());
            try (JdkClient client = JdkClient.connect(url, "Cookie", "theme=dark; session=abc123")) {
                client.sendText("Hello!");
                assertEquals("Echo: Hello!", client.nextText());
            }
        }
    }
}
