package org.bowline.tck.arquillian;

import java.util.Locale;
import org.bowline.tck.jetty.DeployedWar;
import org.bowline.tck.jetty.EmbeddedJetty;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * Arquillian's view of an embedded Jetty 12 whose only WebSocket provider is Bowline's servlet
 * integration: starts and stops the server, deploys each {@code x.war} at {@code /x} and reports its
 * HTTP context (host, port, scheme, servlets).
 */
public class BowlineJettyContainer implements DeployableContainer<BowlineJettyConfiguration> {

    private BowlineJettyConfiguration configuration;
    private EmbeddedJetty jetty;

    @Override
    public Class<BowlineJettyConfiguration> getConfigurationClass() {
        return BowlineJettyConfiguration.class;
    }

    @Override
    public void setup(BowlineJettyConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        if (configuration == null) {
            throw new LifecycleException("bowline-jetty: start() called before setup()");
        }
        try {
            jetty = EmbeddedJetty.start(configuration.toSettings());
        } catch (Exception e) {
            throw new LifecycleException("bowline-jetty: Jetty did not start on " + configuration.getHost() + ":"
                    + configuration.getPort() + ": " + e, e);
        }
    }

    @Override
    public void stop() {
        if (jetty != null) {
            jetty.close();
            jetty = null;
        }
    }

    /** Tests run as clients; an in-container protocol is only needed for testable deployments. */
    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Servlet 5.0");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        EmbeddedJetty server = running();
        if (!archive.getName().toLowerCase(Locale.ROOT).endsWith(".war")) {
            throw new DeploymentException("bowline-jetty deploys web archives (.war) only, not " + archive.getName());
        }
        String contextPath;
        try {
            contextPath = ContextPaths.forArchive(archive.getName());
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("bowline-jetty: " + e.getMessage(), e);
        }
        DeployedWar war;
        try {
            war = server.deploy(contextPath, file -> archive.as(ZipExporter.class).exportTo(file.toFile(), true));
        } catch (Exception e) {
            throw new DeploymentException("bowline-jetty: deploying " + archive.getName() + " at " + contextPath
                    + " failed: " + e, e);
        }
        HTTPContext http = new HTTPContext(server.host(), server.port(), server.secure());
        for (String servlet : war.servletNames()) {
            http.add(new Servlet(servlet, contextPath));
        }
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        EmbeddedJetty server = running();
        try {
            server.undeploy(ContextPaths.forArchive(archive.getName()));
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("bowline-jetty: " + e.getMessage(), e);
        }
    }

    private EmbeddedJetty running() throws DeploymentException {
        if (jetty == null) {
            throw new DeploymentException("bowline-jetty is not started");
        }
        return jetty;
    }
}
