package org.bowline.tck.it;

import static org.bowline.tck.fixtures.WsClient.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.fixtures.WsClient.Conversation;
import org.bowline.tck.it.security.PrincipalConfigurator;
import org.bowline.tck.it.security.WhoAmIEndpoint;
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
 * Jakarta WebSocket 2.2, 7.1-7.2: the handshake is an HTTP request the web container authenticates
 * and authorizes; the principal it established is the session's and the handshake request's.
 * Users come from the container's realm (arquillian.xml: realmName, realmUsersFile).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityPrincipalWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "security.war")
                .addClasses(PrincipalConfigurator.class, WhoAmIEndpoint.class)
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                          <security-constraint>
                            <web-resource-collection>
                              <web-resource-name>websockets</web-resource-name>
                              <url-pattern>/secure/*</url-pattern>
                            </web-resource-collection>
                            <auth-constraint><role-name>user</role-name></auth-constraint>
                          </security-constraint>
                          <login-config>
                            <auth-method>BASIC</auth-method>
                            <realm-name>bowline</realm-name>
                          </login-config>
                          <security-role><role-name>user</role-name></security-role>
                          <security-role><role-name>admin</role-name></security-role>
                        </web-app>
                        """));
    }

    @ArquillianResource
    URL base;

    private final WsClient client = new WsClient();

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    private static Map<String, List<String>> basic(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Map.of("Authorization", List.of("Basic " + token));
    }

    @Test
    void authenticatedHandshakeGivesThePrincipalToRequestAndSession() throws Exception {
        try (Conversation c = client.connect(ws(base, "secure/whoami"),
                WsClient.withHeaders(basic("alice", "alice-password")))) {
            assertEquals("session alice; handshake alice user=true admin=false", c.next());
        }
    }

    @Test
    void handshakeWithoutCredentialsIsRefusedWith401() {
        client.assertRefused(ws(base, "secure/whoami"), 401);
    }

    @Test
    void userWithoutTheRequiredRoleIsRefusedWith403() {
        client.assertRefused(ws(base, "secure/whoami"),
                WsClient.withHeaders(basic("mallory", "mallory-password")), 403);
    }
}
