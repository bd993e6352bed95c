package org.bowline.tck.it;

import static org.bowline.tck.fixtures.WsClient.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.fixtures.WsClient.Conversation;
import org.bowline.tck.it.programmatic.AppConfig;
import org.bowline.tck.it.programmatic.DroppedEndpoint;
import org.bowline.tck.it.programmatic.KeptEndpoint;
import org.bowline.tck.it.programmatic.ReversingEndpoint;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jakarta WebSocket 2.2, 6.2: a ServerApplicationConfig in the WAR chooses the programmatic endpoint
 * configurations and filters the scanned annotated endpoints.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerApplicationConfigWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "programmatic.war")
                .addClasses(AppConfig.class, ReversingEndpoint.class, KeptEndpoint.class, DroppedEndpoint.class);
    }

    @ArquillianResource
    URL base;

    private final WsClient client = new WsClient();

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void programmaticEndpointIsDeployedWithItsConfig() throws Exception {
        try (Conversation c = client.connect(ws(base, "reverse/a"))) {
            c.send("abc");
            assertEquals("a:cba", c.next());
        }
    }

    @Test
    void sameEndpointClassServesASecondConfigAtATemplatePath() throws Exception {
        try (Conversation c = client.connect(ws(base, "reverse/zzz"))) {
            c.send("xy");
            assertEquals("b:yx", c.next());
        }
    }

    @Test
    void annotatedEndpointKeptByTheConfigIsDeployed() throws Exception {
        try (Conversation c = client.connect(ws(base, "kept"))) {
            assertEquals("kept", c.next());
        }
    }

    @Test
    void annotatedEndpointLeftOutByTheConfigIsNotDeployed() {
        client.assertRefused(ws(base, "dropped"), 404);
    }
}
