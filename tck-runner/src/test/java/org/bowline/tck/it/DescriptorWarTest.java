package org.bowline.tck.it;

import static org.bowline.tck.fixtures.WsClient.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.bowline.adapter.registry.WebsocketHandler;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.fixtures.WsClient.Conversation;
import org.bowline.tck.it.registry.DescriptorMountingListener;
import org.bowline.tck.it.registry.WarEchoHandler;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The handler-registry model in a WAR: descriptors under WEB-INF/classes/META-INF/websockets,
 * mounted by the application's listener on the ServerContainer of Bowline's servlet integration,
 * served at /CONTEXT/websockets/v4/service/{endpoint}; a broken descriptor does not stop the others.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DescriptorWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "descriptors.war")
                .addClasses(DescriptorMountingListener.class, WarEchoHandler.class)
                .addAsResource(new StringAsset(WarEchoHandler.class.getName() + "\n"),
                        "META-INF/services/" + WebsocketHandler.class.getName())
                .addAsResource(new StringAsset("{\"handler\": \"war/echo\", \"endpoint\": \"war-endpoint\", \"description\": \"in a WAR\"}"),
                        "META-INF/websockets/war-endpoint.websocket")
                .addAsResource(new StringAsset("{\"handler\": \"war/echo\""), "META-INF/websockets/broken.websocket")
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                          <listener><listener-class>%s</listener-class></listener>
                        </web-app>
                        """.formatted(DescriptorMountingListener.class.getName())));
    }

    @ArquillianResource
    URL base;

    private final WsClient client = new WsClient();

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void aDescriptorInTheWarIsServedAndReachesItsHandler() throws Exception {
        try (Conversation c = client.connect(ws(base, "websockets/v4/service/war-endpoint"))) {
            assertEquals("opened", c.next());
            c.send("hello");
            assertEquals("war: hello", c.next());
        }
    }

    @Test
    void anEndpointNoDescriptorDeclaresIsNotThere() {
        client.assertRefused(ws(base, "websockets/v4/service/broken"), 404);
    }
}
