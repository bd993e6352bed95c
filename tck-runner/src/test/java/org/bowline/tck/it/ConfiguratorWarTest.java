package org.bowline.tck.it;

import static org.bowline.tck.fixtures.WsClient.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.HandshakeResponse;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.fixtures.WsClient.Conversation;
import org.bowline.tck.it.configurator.ConfiguredEndpoint;
import org.bowline.tck.it.configurator.TokenConfigurator;
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
 * Jakarta WebSocket 2.2, 4.1.1 (configurator), 3.1.2 (subprotocol negotiation) and 3.1.3 (origin
 * check) through the servlet integration.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConfiguratorWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "configurator.war")
                .addClasses(TokenConfigurator.class, ConfiguredEndpoint.class);
    }

    @ArquillianResource
    URL base;

    private final WsClient client = new WsClient();

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void modifyHandshakeSeesRequestHeadersAndSetsResponseHeaders() throws Exception {
        AtomicReference<List<String>> seen = new AtomicReference<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("chat.v3", "chat.v1"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("X-Token", List.of("secret-1"));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        seen.set(response.getHeaders().entrySet().stream()
                                .filter(e -> e.getKey().equalsIgnoreCase("X-Token-Seen"))
                                .map(Map.Entry::getValue).findFirst().orElse(null));
                    }
                }).build();
        try (Conversation c = client.connect(ws(base, "configured"), config)) {
            assertEquals("token=secret-1 subprotocol=chat.v1", c.next());
            assertEquals("chat.v1", c.session().getNegotiatedSubprotocol());
        }
        assertEquals(List.of("SECRET-1"), seen.get());
    }

    @Test
    void noCommonSubprotocolGivesTheEmptyOne() throws Exception {
        try (Conversation c = client.connect(ws(base, "configured"))) {
            assertEquals("token=none subprotocol=", c.next());
        }
    }

    @Test
    void originRefusedByTheConfiguratorGets403() {
        client.assertRefused(ws(base, "configured"),
                WsClient.withHeaders(Map.of("Origin", List.of("http://evil.example"))), 403);
    }
}
