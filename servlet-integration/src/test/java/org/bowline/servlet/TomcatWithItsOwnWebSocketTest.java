package org.bowline.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.servlet.ServletContainerInitializer;

import org.apache.catalina.Context;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.bowline.container.client.BowlineClientContainer;
import org.bowline.servlet.app.AnnotatedEcho;
import org.bowline.servlet.app.TestApplicationInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A web application that carries Bowline, deployed on a Tomcat that keeps its own WebSocket
 * implementation (tomcat-embed-websocket, whose API classes are the only ones on this class path,
 * as Tomcat's lib/websocket-api.jar is on a real Tomcat). Decision: Tomcat's implementation serves
 * that application - its initializer publishes its ServerContainer and installs its upgrade filter,
 * which Bowline cannot take back - and Bowline steps aside, saying so in a warning. Nothing else
 * on the server is disturbed, whichever application is deployed first: Tomcat's own applications
 * keep upgrading (they used to answer 500 once the API had cached Bowline's default configurator).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TomcatWithItsOwnWebSocketTest {

    private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";
    private static final String TOMCATS_CONTAINER = "org.apache.tomcat.websocket.server.WsServerContainer";

    /** Bowline's warnings, as a log file would show them. */
    private final List<String> warnings = new ArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (warnings) {
                warnings.add(record.getLevel() + " " + String.valueOf(record.getMessage()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger bowlineLog = Logger.getLogger("org.bowline.servlet");

    private Tomcat tomcat;
    private Path baseDir;
    private BowlineClientContainer client;

    @BeforeEach
    void start() throws Exception {
        bowlineLog.addHandler(recorder);
        baseDir = Files.createTempDirectory("bowline-tomcat-own-ws");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        client = new BowlineClientContainer();
    }

    @AfterEach
    void stop() throws Exception {
        bowlineLog.removeHandler(recorder);
        if (client != null) {
            client.close();
        }
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void aBowlineApplicationDeployedFirstLeavesTomcatsOwnApplicationsWorking() throws Exception {
        Context bowline = deploy("/bowline", new WsSci(), new BowlineServletContainerInitializer());
        tomcat.start();
        Context own = deploy("/own", new WsSci());
        checkBoth(bowline, own);
    }

    @Test
    void aBowlineApplicationDeployedSecondLeavesTomcatsOwnApplicationsWorking() throws Exception {
        Context own = deploy("/own", new WsSci());
        tomcat.start();
        Context bowline = deploy("/bowline", new WsSci(), new BowlineServletContainerInitializer());
        checkBoth(bowline, own);
    }

    /** Initializer order is the server's choice (both on its class path, say): Bowline steps aside either way. */
    @Test
    void bowlineStepsAsideAlsoWhenTomcatsInitializerRunsAfterIt() throws Exception {
        Context own = deploy("/own", new WsSci());
        tomcat.start();
        Context bowline = deploy("/bowline", new BowlineServletContainerInitializer(), new WsSci());
        checkBoth(bowline, own);
    }

    /**
     * Both applications upgrade and echo, each through Tomcat's implementation, Bowline said why it
     * stepped aside, and undeploying the Bowline application leaves Tomcat's own one working.
     */
    private void checkBoth(Context bowline, Context own) throws Exception {
        int port = tomcat.getConnector().getLocalPort();
        assertEquals(TOMCATS_CONTAINER, bowline.getServletContext().getAttribute(SERVER_CONTAINER).getClass().getName());
        assertEquals("w:hello@/bowline/annotated/w", echo(port, "/bowline/annotated/w"));
        assertEquals("t:hello@/own/annotated/t", echo(port, "/own/annotated/t"));
        synchronized (warnings) {
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("WARNING ") && w.contains("/bowline")
                            && w.contains(TOMCATS_CONTAINER) && w.contains("steps aside")),
                    "Bowline must say that it steps aside for Tomcat's implementation, logged: " + warnings);
        }

        bowline.stop();
        tomcat.getHost().removeChild(bowline);
        assertEquals("t:again@/own/annotated/t", echo(port, "/own/annotated/t", "again"));
    }

    private String echo(int port, String path) throws Exception {
        return echo(port, path, "hello");
    }

    private String echo(int port, String path, String message) throws Exception {
        TestClient c = TestClient.connect(client, URI.create("ws://127.0.0.1:" + port + path));
        c.session.getBasicRemote().sendText(message);
        Object reply = c.next();
        c.session.close();
        c.awaitClose();
        return (String) reply;
    }

    /**
     * A web application at {@code path} with these initializers, in this order, each given the
     * classes a scan of the application finds ({@link AnnotatedEcho}); started at once if Tomcat is.
     */
    private Context deploy(String path, ServletContainerInitializer... initializers) throws Exception {
        File docBase = Files.createDirectories(baseDir.resolve("docs" + path.replace('/', '_'))).toFile();
        StandardContext context = new StandardContext();
        context.setName(path);
        context.setPath(path);
        context.setDocBase(docBase.getAbsolutePath());
        context.addLifecycleListener(new Tomcat.FixContextListener());
        // The application's own servlets first (a catch-all servlet, so requests reach the filters).
        context.addServletContainerInitializer(new TestApplicationInitializer(), null);
        for (ServletContainerInitializer initializer : initializers) {
            context.addServletContainerInitializer(initializer, Set.of(AnnotatedEcho.class));
        }
        tomcat.getHost().addChild(context);
        return context;
    }
}
