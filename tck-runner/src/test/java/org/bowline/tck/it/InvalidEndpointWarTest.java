package org.bowline.tck.it;

import static org.bowline.tck.fixtures.WsClient.ws;

import java.net.URL;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.it.invalid.DuplicateOnMessageEndpoint;
import org.bowline.tck.it.invalid.ValidEchoEndpoint;
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
 * Jakarta WebSocket 2.2, 5.2.1: a deployment error halts the application's WebSocket deployment; none of
 * its endpoints, even valid ones, may be served. The WAR still deploys (the tests here run at all), as
 * the TCK's negative-deployment tests need.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InvalidEndpointWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "invalid.war")
                .addClasses(DuplicateOnMessageEndpoint.class, ValidEchoEndpoint.class);
    }

    @ArquillianResource
    URL base;

    private final WsClient client = new WsClient();

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void invalidEndpointIsNotServed() {
        client.assertRefused(ws(base, "invalid"));
    }

    @Test
    void validEndpointOfTheSameApplicationIsNotServedEither() {
        client.assertRefused(ws(base, "echo"));
    }
}
