package org.bowline.servlet;

/** The conformance cases' echo server through the servlet bridge on {@link JettyEe11Host}. */
public final class JettyEe11EchoTarget extends HostedEchoTarget {

    @Override
    ServletHost newHost() {
        return new JettyEe11Host();
    }
}
