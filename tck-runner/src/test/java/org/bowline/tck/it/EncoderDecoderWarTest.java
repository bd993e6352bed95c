package org.bowline.tck.it;

import static org.bowline.tck.fixtures.WsClient.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.fixtures.WsClient.Conversation;
import org.bowline.tck.it.codec.Point;
import org.bowline.tck.it.codec.PointDecoder;
import org.bowline.tck.it.codec.PointEncoder;
import org.bowline.tck.it.codec.PointEndpoint;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Jakarta WebSocket 2.2, 4.1.1 and 5.2 (encoders and decoders of an annotated server endpoint, in a WAR). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EncoderDecoderWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "codec.war")
                .addClasses(Point.class, PointDecoder.class, PointEncoder.class, PointEndpoint.class);
    }

    @ArquillianResource
    URL base;

    private final WsClient client = new WsClient();

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void textIsDecodedForTheEndpointAndItsReturnValueEncoded() throws Exception {
        try (Conversation c = client.connect(ws(base, "points"))) {
            c.send("3,4");
            assertEquals("(4|5)", c.next());
            c.send("-1, 10");
            assertEquals("(0|11)", c.next());
        }
    }

    @Test
    void decodeFailureReachesOnErrorAndTheSessionCarriesOn() throws Exception {
        try (Conversation c = client.connect(ws(base, "points"))) {
            c.send("x,y");
            assertEquals("error DecodeException x,y", c.next());
            c.send("1,1");
            assertEquals("(2|2)", c.next());
        }
    }
}
