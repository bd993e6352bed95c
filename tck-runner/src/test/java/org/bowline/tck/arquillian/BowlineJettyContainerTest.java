package org.bowline.tck.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import org.bowline.tck.fixtures.Http;
import org.bowline.tck.fixtures.Wars;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DeployableContainer contract as Arquillian drives it: setup, start, deploy, undeploy, stop. */
class BowlineJettyContainerTest {

    private final BowlineJettyContainer container = new BowlineJettyContainer();

    @BeforeEach
    void start() throws Exception {
        container.setup(new BowlineJettyConfiguration());
        container.start();
    }

    @AfterEach
    void stop() {
        container.stop();
    }

    @Test
    void deployReportsTheHttpContextOfTheWar() throws Exception {
        HTTPContext http = container.deploy(Wars.plain("reported.war")).getContext(HTTPContext.class);
        assertEquals("127.0.0.1", http.getHost());
        assertTrue(http.getPort() > 0, "the bound port, not 0");
        assertEquals("http", http.getScheme());
        List<Servlet> servlets = http.getServlets();
        assertTrue(servlets.stream().anyMatch(s -> s.getName().equals("org.bowline.tck.fixtures.HelloServlet")),
                servlets.toString());
        assertTrue(servlets.stream().allMatch(s -> s.getContextRoot().equals("/reported")), servlets.toString());
        URL hello = new URL("http://" + http.getHost() + ":" + http.getPort() + "/reported/hello");
        assertEquals(200, Http.get(hello).status());
    }

    @Test
    void undeployRemovesTheWar() throws Exception {
        WebArchive war = Wars.plain("gone.war");
        HTTPContext http = container.deploy(war).getContext(HTTPContext.class);
        container.undeploy(war);
        URL hello = new URL("http://" + http.getHost() + ":" + http.getPort() + "/gone/hello");
        assertEquals(404, Http.get(hello).status());
    }

    @Test
    void warThatFailsToStartDeploysWithoutThrowing() throws Exception {
        HTTPContext http = container.deploy(Wars.failing("broken.war")).getContext(HTTPContext.class);
        URL hello = new URL("http://" + http.getHost() + ":" + http.getPort() + "/broken/hello");
        assertEquals(503, Http.get(hello).status());
    }

    @Test
    void archivesOtherThanWarsAreRefusedNamingThem() {
        JavaArchive jar = ShrinkWrap.create(JavaArchive.class, "library.jar");
        DeploymentException e = assertThrows(DeploymentException.class, () -> container.deploy(jar));
        assertTrue(e.getMessage().contains("library.jar"), e.getMessage());
    }

    @Test
    void aSecondWarAtTheSameContextIsRefused() throws Exception {
        container.deploy(Wars.plain("twice.war"));
        DeploymentException e = assertThrows(DeploymentException.class, () -> container.deploy(Wars.plain("twice.war")));
        assertTrue(e.getMessage().contains("/twice"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
