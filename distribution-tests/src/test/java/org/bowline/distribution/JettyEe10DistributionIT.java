package org.bowline.distribution;

/** The README's Jetty steps as written (ee10), with a WAR that carries Bowline in WEB-INF/lib, as it would for Tomcat. */
class JettyEe10DistributionIT extends JettyScenario {

    @Override
    String layoutSteps() {
        return readme.block("jetty-base");
    }
}
