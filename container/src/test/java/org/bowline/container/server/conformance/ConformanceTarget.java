package org.bowline.container.server.conformance;

/**
 * The echo server the server-role conformance cases run against. By default Bowline's standalone
 * server with an echo endpoint at {@code /echo} ({@link EchoServer}); the system property
 * {@value #PROPERTY} names a {@link Factory} class (public, with a public no-argument constructor)
 * to run the same cases against another echo server built on Bowline, such as an adapter's.
 * The server must echo text as text and binary as binary, take messages of 64 MiB and offer
 * permessage-deflate.
 */
public interface ConformanceTarget extends AutoCloseable {

    String PROPERTY = "bowline.conformance.target";

    /** The port the echo server listens on, at 127.0.0.1. */
    int port();

    /** The request path of the echo endpoint, e.g. {@code /echo}. */
    String path();

    @Override
    void close();

    /** Starts a target. */
    interface Factory {
        ConformanceTarget start() throws Exception;
    }

    /** Starts the configured target, or the default one. */
    static ConformanceTarget start() throws Exception {
        String factory = System.getProperty(PROPERTY, "");
        if (factory.isBlank()) {
            return EchoServer.start();
        }
        return ((Factory) Class.forName(factory).getConstructor().newInstance()).start();
    }
}
