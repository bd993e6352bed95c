package org.bowline.tck.it.service;

import static org.bowline.tck.fixtures.WsClient.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.fixtures.WsClient.Conversation;
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
 * The service model inside a servlet container: an upgrade service mounted through
 * {@code ServiceEndpoints} in a WAR's ServerApplicationConfig is served by Bowline's servlet
 * integration, with its template variables, its refusals (status, body, headers) and its 101 headers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServiceModelWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "service-model.war")
                .addClasses(ServiceModelApp.class, RoomUpgradeService.class);
    }

    @ArquillianResource
    URL base;

    private final WsClient client = new WsClient();

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    @Test
    void anAcceptedUpgradeIsServedByTheReturnedServiceWithTheTemplatesValue() throws Exception {
        try (Conversation c = client.connect(ws(base, "rooms/lobby"),
                WsClient.withHeaders(Map.of("X-Token", List.of("open"))))) {
            assertEquals("welcome to lobby", c.next());
            c.send("hi");
            assertEquals("lobby: hi", c.next());
        }
    }

    @Test
    void anUpgradeErrorRefusesWithItsStatusBodyAndHeaders() throws Exception {
        String answer = upgrade("rooms/lobby", "");
        assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
        assertTrue(answer.contains("X-Refused-By: rooms"), answer);
        assertTrue(answer.endsWith("This room needs a token"), answer);
    }

    @Test
    void anAcceptedUpgradeCarriesTheServicesResponseHeaders() throws Exception {
        String answer = upgrade("rooms/kitchen", "X-Token: open\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 101 "), answer);
        assertTrue(answer.contains("X-Room: kitchen"), answer);
    }

    /** The response head (and body, for a refusal) to an upgrade request sent over a plain socket. */
    private String upgrade(String path, String extraHeaders) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + base.getPath() + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            while (!answer.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return answer.toString();
                }
                answer.append((char) b);
            }
            // The servlet container may keep the connection open after a refusal: read the body by its length.
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)")
                    .matcher(answer);
            if (length.find()) {
                answer.append(new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }
}
