package org.bowline.servlet;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.bowline.servlet.app.TestApplicationInitializer;

/** Embedded Tomcat 11 (Servlet 6.1), without Tomcat's own WebSocket jar. */
final class TomcatHost implements ServletHost {

    private final long connectionTimeoutMillis;
    private Tomcat tomcat;
    private final Map<String, Context> started = new HashMap<>();

    /** With the connector's default connectionTimeout. */
    TomcatHost() {
        this(-1);
    }

    /** With the connector's {@code connectionTimeout} set when {@code > 0}. */
    TomcatHost(long connectionTimeoutMillis) {
        this.connectionTimeoutMillis = connectionTimeoutMillis;
    }

    @Override
    public int start(List<WebApp> apps) throws Exception {
        Path baseDir = Files.createTempDirectory("bowline-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        if (connectionTimeoutMillis > 0) {
            tomcat.getConnector().setProperty("connectionTimeout", Long.toString(connectionTimeoutMillis));
        }
        for (WebApp app : apps) {
            File docBase = Files.createDirectories(baseDir.resolve("docs" + app.contextPath().replace('/', '_'))).toFile();
            Context context = tomcat.addContext(app.contextPath(), docBase.getAbsolutePath());
            app.initParameters().forEach(context::addParameter);
            context.addServletContainerInitializer(new TestApplicationInitializer(), null);
            context.addServletContainerInitializer(new BowlineServletContainerInitializer(),
                    new HashSet<>(app.scanned()));
            started.put(app.contextPath(), context);
        }
        tomcat.start();
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void stopWebApp(String contextPath) throws Exception {
        started.get(contextPath).stop();
    }

    @Override
    public jakarta.servlet.ServletContext servletContext(String contextPath) {
        return started.get(contextPath).getServletContext();
    }

    @Override
    public ClassLoader classLoaderOf(String contextPath) {
        return started.get(contextPath).getLoader().getClassLoader();
    }

    @Override
    public void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
