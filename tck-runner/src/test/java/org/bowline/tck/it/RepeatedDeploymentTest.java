package org.bowline.tck.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.websocket.ClientEndpointConfig;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.bowline.container.client.BowlineClientContainer;
import org.bowline.tck.fixtures.SelfSignedKeyStore;
import org.bowline.tck.fixtures.Threads;
import org.bowline.tck.fixtures.WsClient;
import org.bowline.tck.fixtures.WsClient.Conversation;
import org.bowline.tck.it.annotated.EchoEndpoint;
import org.bowline.tck.it.invalid.DuplicateOnMessageEndpoint;
import org.bowline.tck.jetty.EmbeddedJetty;
import org.bowline.tck.jetty.JettySettings;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many WebSocket WARs deployed and undeployed in one server and one JVM, as a TCK run does: each serves
 * its endpoints while deployed, and undeploying and stopping leave no threads or ports behind.
 */
class RepeatedDeploymentTest {

    private static EmbeddedJetty.WarSource echoWar(String name) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name).addClass(EchoEndpoint.class);
        return file -> war.as(ZipExporter.class).exportTo(file.toFile(), true);
    }

    private static EmbeddedJetty.WarSource invalidWar(String name) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name)
                .addClasses(EchoEndpoint.class, DuplicateOnMessageEndpoint.class);
        return file -> war.as(ZipExporter.class).exportTo(file.toFile(), true);
    }

    private static URI uri(EmbeddedJetty jetty, String path) {
        return URI.create((jetty.secure() ? "wss" : "ws") + "://" + jetty.host() + ":" + jetty.port() + path);
    }

    @Test
    void deployUseAndUndeployManyWarsLeavesNoThreadsOrPortBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int port;
        Path workDir;
        try (WsClient client = new WsClient();
             EmbeddedJetty jetty = EmbeddedJetty.start(new JettySettings("127.0.0.1", 0, null, null))) {
            port = jetty.port();
            workDir = jetty.workDir();
            for (int i = 0; i < 15; i++) {
                jetty.deploy("/ws" + i, echoWar("ws" + i + ".war"));
                try (Conversation c = client.connect(uri(jetty, "/ws" + i + "/echo"))) {
                    c.send("round " + i);
                    assertEquals("round " + i, c.next());
                }
                if (i % 5 == 0) {
                    jetty.deploy("/invalid" + i, invalidWar("invalid" + i + ".war"));
                    client.assertRefused(uri(jetty, "/invalid" + i + "/echo"));
                    jetty.undeploy("/invalid" + i);
                }
                // A session left open must not keep an undeployed application's threads alive.
                Conversation open = client.connect(uri(jetty, "/ws" + i + "/echo"));
                open.send("still here");
                assertEquals("still here", open.next());
                jetty.undeploy("/ws" + i);
            }
        }
        assertEquals(List.of(), Threads.awaitNoneStartedSince(before, 30_000),
                "threads started for the deployments must end once they are undeployed and the server stops");
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
        assertFalse(Files.exists(workDir));
    }

    @Test
    void endpointsAreServedOverTlsWhenConfigured(@TempDir Path dir) throws Exception {
        Path store = SelfSignedKeyStore.create(dir);
        JettySettings tls = new JettySettings("127.0.0.1", 0,
                new JettySettings.KeyStoreSettings(store, SelfSignedKeyStore.PASSWORD, "PKCS12"), null);
        SSLContext trust = SelfSignedKeyStore.trusting(store);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().putAll(Map.of(BowlineClientContainer.SSL_CONTEXT, trust));
        try (WsClient client = new WsClient(); EmbeddedJetty jetty = EmbeddedJetty.start(tls)) {
            jetty.deploy("/secure", echoWar("secure.war"));
            try (Conversation c = client.connect(uri(jetty, "/secure/echo"), config)) {
                c.send("over tls");
                assertEquals("over tls", c.next());
            }
        }
    }
}
