package org.bowline.distribution;

/** The README's Tomcat steps as written: Tomcat's own WebSocket implementation removed, so Bowline serves the WAR. */
class TomcatDistributionIT extends TomcatScenario {

    @Override
    String layoutSteps() {
        return readme.block("tomcat-layout");
    }
}
