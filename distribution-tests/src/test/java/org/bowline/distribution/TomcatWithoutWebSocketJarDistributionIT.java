package org.bowline.distribution;

/** Tomcat 11 with its own WebSocket implementation removed, as the README's optional step does. */
class TomcatWithoutWebSocketJarDistributionIT extends TomcatScenario {

    @Override
    String extraSteps() {
        return readme.block("tomcat-without-websocket");
    }
}
