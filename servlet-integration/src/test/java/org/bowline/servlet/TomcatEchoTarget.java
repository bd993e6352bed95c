package org.bowline.servlet;

/** The conformance cases' echo server through the servlet bridge on {@link TomcatHost}. */
public final class TomcatEchoTarget extends HostedEchoTarget {

    @Override
    ServletHost newHost() {
        return new TomcatHost();
    }
}
