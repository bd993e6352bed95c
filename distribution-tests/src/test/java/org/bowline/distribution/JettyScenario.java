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
