package org.bowline.tck.it;

import static org.bowline.tck.fixtures.WsClient.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.bowline.tck.fixtures.Http;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.fixtures.WsClient.Conversation;
import org.bowline.tck.it.annotated.EchoEndpoint;
import org.bowline.tck.it.annotated.LobbyAdminEndpoint;
import org.bowline.tck.it.annotated.ProviderServlet;
import org.bowline.tck.it.annotated.RoomEndpoint;
import org.bowline.tck.it.annotated.lib.LibraryEndpoint;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jakarta WebSocket 2.2, chapter 6 (servlet container deployment) and 3.1 (URI templates, matching):
 * annotated endpoints found by scanning a WAR's classes and libraries, and nothing else.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnnotatedEndpointWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        JavaArchive library = ShrinkWrap.create(JavaArchive.class, "endpoints.jar").addClass(LibraryEndpoint.class);
        return ShrinkWrap.create(WebArchive.class, "annotated.war")
                .addClasses(EchoEndpoint.class, RoomEndpoint.class, LobbyAdminEndpoint.class, ProviderServlet.class)
                .addAsLibrary(library);
    }

    @ArquillianResource
    URL base;

    private final WsClient client = new WsClient();

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void scannedAnnotatedEndpointEchoes() throws Exception {
        try (Conversation c = client.connect(ws(base, "echo"))) {
            c.send("hello");
            assertEquals("hello", c.next());
            c.send("é ✓ 😀");
            assertEquals("é ✓ 😀", c.next());
        }
    }

    @Test
    void uriTemplateParametersAreDecodedAndConverted() throws Exception {
        try (Conversation c = client.connect(ws(base, "rooms/blue%20room/users/41?x=1&y=2"))) {
            assertEquals("template blue room 42 x=1&y=2", c.next());
        }
    }

    @Test
    void exactPathIsPreferredToATemplateMatchingIt() throws Exception {
        try (Conversation c = client.connect(ws(base, "rooms/lobby/users/admin"))) {
            assertEquals("exact", c.next());
        }
        try (Conversation c = client.connect(ws(base, "rooms/lobby/users/7"))) {
            assertTrue(c.next().startsWith("template lobby 8"));
        }
    }

    @Test
    void endpointInAWebInfLibJarIsDeployed() throws Exception {
        try (Conversation c = client.connect(ws(base, "from-library"))) {
            assertEquals("library", c.next());
        }
    }

    @Test
    void endpointOnTheTestClassPathButNotInTheWarIsNotDeployed() {
        client.assertRefused(ws(base, "not-deployed"), 404);
    }

    @Test
    void bowlineIsTheApplicationsServerContainer() throws Exception {
        String provider = Http.get(new URL(base, "provider")).body();
        assertTrue(provider.startsWith("org.bowline."), provider);
    }
}
