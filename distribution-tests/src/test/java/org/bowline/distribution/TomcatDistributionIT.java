package org.bowline.distribution;

import org.junit.jupiter.api.Tag;

/** The README's Tomcat steps as written: Tomcat's own WebSocket implementation removed, so Bowline serves the WAR. */
@Tag(DeployedWarScenario.AWAITS_FIX)
class TomcatDistributionIT extends TomcatScenario {

    @Override
    String layoutSteps() {
        return readme.block("tomcat-layout");
    }
}
