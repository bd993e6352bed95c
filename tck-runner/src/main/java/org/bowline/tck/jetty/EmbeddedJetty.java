package org.bowline.tck.jetty;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.bowline.servlet.jetty.JettyUpgradedInput;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One embedded Jetty 12 (ee10) server into which WAR files are deployed and undeployed while it runs.
 * Each WAR gets its own child-first web-application class loader, its own annotation scan (so Bowline's
 * {@code ServletContainerInitializer} sees only the WAR's classes and libraries) and its own work
 * directory, removed when the WAR is undeployed.
 */
public final class EmbeddedJetty implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedJetty.class.getName());
    private static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final JettySettings settings;
    private final Server server;
    private final ServerConnector connector;
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();
    private final Path workDir;
    private final Map<String, DeployedWar> deployed = new HashMap<>();

    private EmbeddedJetty(JettySettings settings, Path workDir) {
        this.settings = settings;
        this.workDir = workDir;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("bowline-jetty");
        this.server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        this.connector = newConnector(server, settings);
        server.addConnector(connector);
        server.setHandler(new JettyUpgradedInput(contexts));
        if (settings.realm() != null) {
            server.addBean(new HashLoginService(settings.realm().name(),
                    ResourceFactory.root().newResource(settings.realm().usersFile())));
        }
    }

    /** Starts a server with nothing deployed. */
    public static EmbeddedJetty start(JettySettings settings) throws Exception {
        Path workDir = Files.createTempDirectory("bowline-jetty-");
        EmbeddedJetty jetty = new EmbeddedJetty(settings, workDir);
        try {
            jetty.server.start();
        } catch (Exception | Error e) {
            jetty.close();
            throw e;
        }
        LOG.log(Level.DEBUG, () -> "Jetty listening on " + jetty.host() + ":" + jetty.port());
        return jetty;
    }

    private static ServerConnector newConnector(Server server, JettySettings settings) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector;
        if (settings.secure()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(settings.tls().path().toString());
            ssl.setKeyStorePassword(settings.tls().password());
            ssl.setKeyStoreType(settings.tls().type());
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Test clients connect by IP address as often as by name; the certificate names one.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        return connector;
    }

    /** The address clients should use: the bound one, or loopback when bound to every interface. */
    public String host() {
        String host = settings.host();
        return host.equals("0.0.0.0") || host.equals("::") || host.isEmpty() ? "127.0.0.1" : host;
    }

    /** The bound port (the chosen one when configured as 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public boolean secure() {
        return settings.secure();
    }

    /** The directory holding the deployed WARs and their unpacked files; deleted by {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /**
     * Deploys a WAR at a context path. The WAR is written by {@code source} into a directory of its own,
     * which also holds the unpacked application and is deleted on undeploy. A WAR whose start fails
     * (for example because an endpoint in it is invalid) is still deployed, unavailable: it answers 503
     * and serves none of its endpoints, and {@link DeployedWar#startFailure()} says why.
     *
     * @param contextPath {@code /name}, or {@code /} for the root context
     * @throws IllegalStateException when something is already deployed at that context path
     */
    public synchronized DeployedWar deploy(String contextPath, WarSource source) throws Exception {
        if (deployed.containsKey(contextPath)) {
            throw new IllegalStateException("A web application is already deployed at " + contextPath);
        }
        Path dir = Files.createTempDirectory(workDir, safeName(contextPath) + "-");
        Path war = dir.resolve("app.war");
        Path unpacked = Files.createDirectory(dir.resolve("work"));
        WebAppContext webapp = new WebAppContext();
        try {
            source.writeTo(war);
            webapp.setContextPath(contextPath);
            webapp.setWar(war.toString());
            webapp.setTempDirectory(unpacked.toFile());
            webapp.setParentLoaderPriority(false);
            webapp.setThrowUnavailableOnStartupException(false);
            webapp.setLogUrlOnStart(false);
            contexts.addHandler(webapp);
            if (!webapp.isStarted()) {
                webapp.start();
            }
        } catch (Exception | Error e) {
            discard(webapp, dir);
            throw e;
        }
        DeployedWar result = new DeployedWar(contextPath, webapp, dir);
        deployed.put(contextPath, result);
        result.startFailure().ifPresent(cause -> LOG.log(Level.WARNING,
                "Web application " + contextPath + " failed to start and serves nothing: " + cause));
        return result;
    }

    /** Writes a WAR file. */
    @FunctionalInterface
    public interface WarSource {
        void writeTo(Path file) throws IOException;
    }

    /** Stops and removes a deployed WAR and deletes its work directory. Unknown paths are ignored. */
    public synchronized void undeploy(String contextPath) {
        DeployedWar war = deployed.remove(contextPath);
        if (war != null) {
            discard(war.webapp(), war.workDir());
        }
    }

    private void discard(WebAppContext webapp, Path dir) {
        try {
            webapp.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Stopping web application " + webapp.getContextPath() + " failed", e);
        }
        contexts.removeHandler(webapp);
        webapp.destroy();
        Directories.deleteQuietly(dir);
    }

    @Override
    public synchronized void close() {
        for (String contextPath : new ArrayList<>(deployed.keySet())) {
            undeploy(contextPath);
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Stopping Jetty failed", e);
        }
        server.destroy();
        Directories.deleteQuietly(workDir);
    }

    private static String safeName(String contextPath) {
        String name = contextPath.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.equals("_") ? "ROOT" : name;
    }

}
