package org.bowline.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The Jetty 12.1 distribution ({@code org.eclipse.jetty:jetty-home}) with a base made as the README's
 * Jetty section says: Bowline's jetty-base archive unpacked into it, then
 * {@code --add-modules=http,ee10-deploy,ee10-bowline} (ee11 likewise), then the WAR in webapps/.
 */
abstract class JettyScenario extends DeployedWarScenario {

    private static final String BASE = "my-base";

    /** The README's layout steps, as this scenario runs them. */
    abstract String layoutSteps();

    @Override
    Path layOut(Path work) throws Exception {
        Shell.run(layoutSteps(), work, work.resolve("layout.log"));
        return work.resolve(BASE).resolve("webapps");
    }

    @Override
    ServerProcess start(Path work) throws Exception {
        String command = readme.block("jetty-start").strip();
        // The README's command on a free port, with hot deployment on (as it says how) so the WAR can be undeployed.
        return ServerProcess.start(command + " jetty.http.host=127.0.0.1 jetty.http.port=" + port
                + " jetty.deploy.scanInterval=1", work.resolve(BASE), Map.of(), work.resolve("jetty.log"));
    }

    /** Jetty's line for a web application's context that has stopped (ee10 and ee11). */
    private static final Pattern CONTEXT_STOPPED =
            Pattern.compile(":INFO :oeje1[01]s\\.ServletContextHandler:[^:]*: Stopped oeje1[01]w\\.WebAppContext@\\w+\\{" + CONTEXT + ",");

    /**
     * Waits for Jetty's log to say my-app's context has stopped before asking for the 404. Jetty 12.1 has a race
     * of its own on hot undeploy: a request that enters the context as it begins to stop can reach a filter
     * holder already stopped, and Jetty logs a WARN with a NullPointerException from
     * {@code FilterHolder.getFilter()} (seen once in a CI run, on a request of this scenario's 404 polling).
     * Any filter mapped to the request meets it, Jetty's own WebSocket upgrade filter on "/*" as Bowline's; so
     * this scenario does not poll into the stop.
     */
    @Override
    void awaitUndeployed(int logBefore) throws Exception {
        server.await("Jetty's log says the context of " + CONTEXT + " stopped", DEPLOY_TIMEOUT,
                () -> CONTEXT_STOPPED.matcher(server.log().substring(logBefore)).find());
        super.awaitUndeployed(logBefore);
    }

    @Override
    Pattern problems() {
        // Jetty's own format ("...:WARN :logger:thread: ..."), java.util.logging's (System.Logger's default), stack traces.
        return Pattern.compile(":(WARN |ERROR):|^(WARNING|SEVERE): |Exception|\\tat ");
    }

    /** A copy of the WAR without the Bowline jars in WEB-INF/lib. */
    static void copyWithoutBowlineJars(Path war, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(war);
             ZipInputStream zip = new ZipInputStream(in);
             OutputStream out = Files.newOutputStream(target);
             ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().startsWith("WEB-INF/lib/bowline-")) {
                    continue;
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                zip.transferTo(copy);
                copy.closeEntry();
            }
        }
    }
}
