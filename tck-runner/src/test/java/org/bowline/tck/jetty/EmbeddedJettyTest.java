package org.bowline.tck.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bowline.tck.fixtures.Http;
import org.bowline.tck.fixtures.SelfSignedKeyStore;
import org.bowline.tck.fixtures.Threads;
import org.bowline.tck.fixtures.Wars;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedJettyTest {

    private static final JettySettings LOOPBACK_ANY_PORT = new JettySettings("127.0.0.1", 0, null, null);

    private static EmbeddedJetty.WarSource source(WebArchive war) {
        return file -> war.as(ZipExporter.class).exportTo(file.toFile(), true);
    }

    private static URL url(EmbeddedJetty jetty, String path) throws Exception {
        return new URL((jetty.secure() ? "https" : "http") + "://" + jetty.host() + ":" + jetty.port() + path);
    }

    @Test
    void warIsServedAtItsContextPathWithChildFirstLoadingAndLibrariesScanned() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(LOOPBACK_ANY_PORT)) {
            assertTrue(jetty.port() > 0, "an ephemeral port is chosen");
            jetty.deploy("/app", source(Wars.plain("app.war")));

            Http.Response hello = Http.get(url(jetty, "/app/hello"));
            assertEquals(200, hello.status());
            assertTrue(hello.body().contains("WebAppClassLoader"), "the WAR's own copy serves: " + hello.body());
            assertEquals("war", Http.get(url(jetty, "/app/greeting")).body(), "resources are child-first too");
            assertEquals("library", Http.get(url(jetty, "/app/from-library")).body(), "WEB-INF/lib is scanned");
            assertEquals(404, Http.get(url(jetty, "/app/not-deployed")).status(),
                    "the test class path must not be scanned");
            assertEquals(404, Http.get(url(jetty, "/other/hello")).status());
        }
    }

    @Test
    void reportsTheWarsServlets() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(LOOPBACK_ANY_PORT)) {
            DeployedWar war = jetty.deploy("/app", source(Wars.plain("app.war")));
            List<String> names = war.servletNames();
            assertTrue(names.contains("org.bowline.tck.fixtures.HelloServlet"), names.toString());
            assertTrue(names.contains("org.bowline.tck.fixtures.lib.LibraryServlet"), names.toString());
            assertTrue(war.startFailure().isEmpty());
        }
    }

    @Test
    void warThatFailsToStartIsDeployedUnavailable() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(LOOPBACK_ANY_PORT)) {
            DeployedWar war = jetty.deploy("/broken", source(Wars.failing("broken.war")));
            assertTrue(war.startFailure().isPresent(), "the failure is reported");
            assertEquals(503, Http.get(url(jetty, "/broken/hello")).status(), "and nothing in it is served");

            jetty.deploy("/app", source(Wars.plain("app.war")));
            assertEquals(200, Http.get(url(jetty, "/app/hello")).status(), "other WARs are unaffected");
        }
    }

    @Test
    void secondWarAtTheSameContextPathIsRefused() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(LOOPBACK_ANY_PORT)) {
            jetty.deploy("/app", source(Wars.plain("app.war")));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> jetty.deploy("/app", source(Wars.plain("app.war"))));
            assertTrue(e.getMessage().contains("/app"), e.getMessage());
        }
    }

    @Test
    void undeployedWarIsGoneAndCanBeRedeployed() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(LOOPBACK_ANY_PORT)) {
            DeployedWar war = jetty.deploy("/app", source(Wars.plain("app.war")));
            jetty.undeploy("/app");
            assertEquals(404, Http.get(url(jetty, "/app/hello")).status());
            assertFalse(Files.exists(war.workDir()), "the WAR's work directory is deleted");
            jetty.deploy("/app", source(Wars.plain("app.war")));
            assertEquals(200, Http.get(url(jetty, "/app/hello")).status());
        }
    }

    @Test
    void rootWarIsServedAtTheRoot() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(LOOPBACK_ANY_PORT)) {
            jetty.deploy("/", source(Wars.plain("ROOT.war")));
            assertEquals(200, Http.get(url(jetty, "/hello")).status());
        }
    }

    @Test
    void servesHttpsWithTheConfiguredKeyStore(@TempDir Path dir) throws Exception {
        Path store = SelfSignedKeyStore.create(dir);
        JettySettings tls = new JettySettings("127.0.0.1", 0,
                new JettySettings.KeyStoreSettings(store, SelfSignedKeyStore.PASSWORD, "PKCS12"), null);
        try (EmbeddedJetty jetty = EmbeddedJetty.start(tls)) {
            jetty.deploy("/app", source(Wars.plain("app.war")));
            Http.Response hello = Http.get(url(jetty, "/app/hello"), SelfSignedKeyStore.trusting(store));
            assertEquals(200, hello.status());
        }
    }

    @Test
    void manyDeploymentsLeaveNoThreadsPortsOrFilesBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int port;
        Path workDir;
        try (EmbeddedJetty jetty = EmbeddedJetty.start(LOOPBACK_ANY_PORT)) {
            port = jetty.port();
            workDir = jetty.workDir();
            for (int i = 0; i < 25; i++) {
                jetty.deploy("/app" + i, source(Wars.plain("app" + i + ".war")));
                assertEquals(200, Http.get(url(jetty, "/app" + i + "/hello")).status());
                if (i % 5 == 4) {
                    jetty.deploy("/broken" + i, source(Wars.failing("broken" + i + ".war")));
                }
                if (i >= 3) {
                    jetty.undeploy("/app" + (i - 3));
                }
            }
        }
        assertEquals(List.of(), Threads.awaitNoneStartedSince(before, 30_000),
                "threads started by the server must end when it stops");
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
        assertFalse(Files.exists(workDir), "the server's work directory is deleted");
    }
}
