package org.bowline.container.server.conformance;

/**
 * The server the conformance cases run against: an echo endpoint at {@code /echo} (text as text,
 * binary as binary, permessage-deflate available) with {@link EchoServer}'s limits, on 127.0.0.1.
 * Bowline's standalone server unless the system property {@value #PROPERTY} names another
 * implementation (with a public no-argument constructor), such as a servlet container serving the
 * same endpoint through the servlet bridge; the cases are the same either way.
 */
public interface EchoTarget {

    String PROPERTY = "bowline.conformance.target";

    /** Starts the server; returns its port. */
    int start() throws Exception;

    void stop() throws Exception;

    static EchoTarget chosen() throws ReflectiveOperationException {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            return new StandaloneEchoTarget();
        }
        return (EchoTarget) Class.forName(name).getConstructor().newInstance();
    }
}
