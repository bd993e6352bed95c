package org.bowline.tck.it;

import static org.bowline.tck.fixtures.WsClient.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.fixtures.WsClient.Conversation;
import org.bowline.tck.it.httpsession.HttpSessionConfigurator;
import org.bowline.tck.it.httpsession.LoginServlet;
import org.bowline.tck.it.httpsession.SessionNameEndpoint;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Jakarta WebSocket 2.2, 7.2: the handshake request gives the HTTP session it belongs to. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpSessionWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "httpsession.war")
                .addClasses(LoginServlet.class, HttpSessionConfigurator.class, SessionNameEndpoint.class);
    }

    @ArquillianResource
    URL base;

    private final WsClient client = new WsClient();

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    private String login(String name) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(base, "login?name=" + name).openConnection();
        try {
            assertEquals(200, c.getResponseCode());
            String setCookie = c.getHeaderField("Set-Cookie");
            assertNotNull(setCookie, "the servlet started a session");
            return setCookie.split(";", 2)[0];
        } finally {
            c.disconnect();
        }
    }

    @Test
    void handshakeCarryingTheSessionCookieSeesTheHttpSession() throws Exception {
        String cookie = login("alice");
        try (Conversation c = client.connect(ws(base, "whoami"),
                WsClient.withHeaders(Map.of("Cookie", List.of(cookie))))) {
            assertEquals("session alice", c.next());
        }
    }

    @Test
    void handshakeWithoutASessionHasNone() throws Exception {
        try (Conversation c = client.connect(ws(base, "whoami"))) {
            assertEquals("no session", c.next());
        }
    }
}
