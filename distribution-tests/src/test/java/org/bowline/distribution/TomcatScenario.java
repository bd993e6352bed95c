package org.bowline.distribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Tomcat 11 distribution ({@code org.apache.tomcat:tomcat}) laid out as the README's Tomcat section
 * says: unpacked, the WAR (Bowline in its WEB-INF/lib) copied into webapps/, started with
 * {@code catalina.sh run}.
 */
abstract class TomcatScenario extends DeployedWarScenario {

    static final String HOME = "apache-tomcat-" + Settings.required("tomcat.dist.version");

    /** The README's layout steps, as this scenario runs them. */
    abstract String layoutSteps();

    @Override
    Path layOut(Path work) throws Exception {
        Shell.run(layoutSteps(), work, work.resolve("layout.log"));
        useTestPorts(work.resolve(HOME).resolve("conf/server.xml"));
        return work.resolve(HOME).resolve("webapps");
    }

    /**
     * The one change the README does not make: a free HTTP port in place of 8080, no shutdown port (the
     * test stops Tomcat with SIGTERM, as Ctrl-C), and hot deployment checked every second instead of every
     * ten, so that undeploying and redeploying takes seconds.
     */
    private void useTestPorts(Path serverXml) throws Exception {
        String xml = Files.readString(serverXml);
        String changed = xml.replace("<Server port=\"8005\"", "<Server port=\"-1\"")
                .replace("<Connector port=\"8080\"", "<Connector address=\"127.0.0.1\" port=\"" + port + "\"")
                .replace("<Engine name=\"Catalina\" defaultHost=\"localhost\">",
                        "<Engine name=\"Catalina\" defaultHost=\"localhost\" backgroundProcessorDelay=\"1\">");
        if (changed.equals(xml) || !changed.contains("backgroundProcessorDelay") || !changed.contains("port=\"" + port + "\"")) {
            throw new IllegalStateException(serverXml + " no longer has the lines the test changes");
        }
        Files.writeString(serverXml, changed);
    }

    @Override
    ServerProcess start(Path work) throws Exception {
        return ServerProcess.start(readme.block("tomcat-start").strip(), work, Map.of(), work.resolve("catalina.log"));
    }

    @Override
    Pattern problems() {
        // Tomcat's console format: "06-Dec-2026 08:10:21.123 WARNING [main] org.apache..."; its leak reports are WARNINGs.
        return Pattern.compile(" (WARNING|SEVERE) \\[|^(WARNING|SEVERE): |Exception|\\tat ");
    }

    @Override
    List<Pattern> toleratedWarnings() {
        // Tomcat timing its SecureRandom (the machine's entropy), nothing the application does.
        return List.of(Pattern.compile(" WARNING \\[[^]]+\\] org\\.apache\\.catalina\\.util\\.SessionIdGeneratorBase\\.createSecureRandom "));
    }
}
