package org.bowline.servlet;

/** The conformance cases' echo server through the servlet bridge on {@link UndertowHost}. */
public final class UndertowEchoTarget extends HostedEchoTarget {

    @Override
    ServletHost newHost() {
        return new UndertowHost();
    }
}
