package org.bowline.servlet;

/** The conformance cases' echo server through the servlet bridge on {@link JettyEe11Host}. */
public final class JettyEe11EchoTarget extends HostedEchoTarget {

    public JettyEe11EchoTarget() {
        super(new JettyEe11Host());
    }
}
