package org.bowline.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The README's Jetty steps for ee11 (its modules in place of ee10's), with a WAR that carries no Bowline jar: the module brings them. */
class JettyEe11DistributionIT extends JettyScenario {

    @Override
    String layoutSteps() {
        String steps = readme.block("jetty-base");
        if (!steps.contains("ee10-deploy,ee10-bowline")) {
            throw new IllegalStateException("The README's Jetty steps no longer name ee10-deploy,ee10-bowline:\n" + steps);
        }
        return steps.replace("ee10-deploy,ee10-bowline", "ee11-deploy,ee11-bowline");
    }

    @Override
    Path testWar() throws IOException {
        Path thin = Settings.path("bowline.work").resolve("my-app-without-bowline.war");
        Files.createDirectories(thin.getParent());
        copyWithoutBowlineJars(Settings.path("bowline.war"), thin);
        return thin;
    }
}
