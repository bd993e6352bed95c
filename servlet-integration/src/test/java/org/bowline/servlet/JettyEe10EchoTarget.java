package org.bowline.servlet;

/** The conformance cases' echo server through the servlet bridge on {@link JettyEe10Host}. */
public final class JettyEe10EchoTarget extends HostedEchoTarget {

    @Override
    ServletHost newHost() {
        return new JettyEe10Host();
    }
}
