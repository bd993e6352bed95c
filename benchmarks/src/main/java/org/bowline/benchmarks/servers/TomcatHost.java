package org.bowline.benchmarks.servers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;

import jakarta.servlet.ServletContainerInitializer;

import org.apache.catalina.Context;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.bowline.benchmarks.endpoints.Endpoints;

/** Embedded Tomcat 11 with one context whose WebSocket provider is the given initializer. */
final class TomcatHost {

    private Tomcat tomcat;

    void start(String host, int port, ServletContainerInitializer webSocketProvider) throws Exception {
        Path base = Files.createTempDirectory("bench-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname(host);
        tomcat.getConnector().setPort(port);
        tomcat.getConnector().setProperty("address", host);
        // The default (8192) would stall the 10,000 idle connections scenario.
        tomcat.getConnector().setProperty("maxConnections", "20000");
        File docBase = Files.createDirectories(base.resolve("docs")).toFile();
        Context context = tomcat.addContext("", docBase.getAbsolutePath());
        context.addServletContainerInitializer(webSocketProvider, new HashSet<>(Endpoints.ALL));
        // Tomcat answers 404 before any filter (the upgrade is a filter) when no servlet maps the path.
        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        tomcat.start();
    }

    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
