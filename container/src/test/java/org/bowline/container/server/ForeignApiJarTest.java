package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Bowline works with any jakarta.websocket API jar on the class path, not only the Jakarta one it is
 * compiled against. Tomcat ships its own ({@code lib/websocket-api.jar}, {@code websocket-client-api.jar}),
 * whose {@code ServerEndpointConfig.Configurator} methods all delegate to the container default
 * configurator, which is Bowline's {@link DefaultServerConfigurator}: each of its methods must be
 * its own, or the delegation comes back to itself (a StackOverflowError on every handshake).
 */
class ForeignApiJarTest {

    private static Path jar(String property) {
        String path = System.getProperty(property);
        assertTrue(path != null && Files.isRegularFile(Path.of(path)),
                "system property " + property + " must name Tomcat's API jar (set by the build), was " + path);
        return Path.of(path);
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void everyConfiguratorMethodAndAWholeSessionWorkWithTomcatsApiJar() throws Exception {
        URL[] urls = {
            jar("bowline.test.tomcatWebSocketApi").toUri().toURL(),
            jar("bowline.test.tomcatWebSocketClientApi").toUri().toURL(),
            location(DefaultServerConfigurator.class),   // target/classes, with the META-INF/services files
            location(ForeignApiJarTest.class),           // target/test-classes
        };
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader("tomcat-api", urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> api = isolated.loadClass("jakarta.websocket.server.ServerEndpointConfig$Configurator");
            assertTrue(location(api).toString().contains("tomcat-websocket-api"),
                    "the Configurator under test must be Tomcat's, was loaded from " + location(api));
            // The API finds its container default through ServiceLoader, which looks in the context class loader.
            thread.setContextClassLoader(isolated);
            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) isolated.loadClass(ForeignApiProbe.class.getName())
                    .getMethod("run").invoke(null);
            assertEquals(List.of(
                    "containerDefault=" + DefaultServerConfigurator.class.getName(),
                    "subprotocol=v2",
                    "extensions=0",
                    "origin=true",
                    "modifyHandshake=returned",
                    "instance=EchoEndpoint",
                    "clientConfigurator=returned",
                    "provider=org.bowline.container.client.BowlineClientContainer",
                    "/untouched=hello [v2]",
                    "/default=hello []"), seen);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
