package org.bowline.container.server.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.MemoryWire;
import org.bowline.container.conformance.Transport;
import org.bowline.container.server.MemoryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A family of cases run against a fresh echo server, one connection per case: Bowline's server over
 * sockets ({@link ConformanceTarget}) and, for the role-neutral tables, the same server code and endpoint
 * over in-memory connections in set read sizes ({@link EchoServer#startInMemory()}, {@link Transport}).
 * When {@value ConformanceTarget#PROPERTY} names another target (an adapter's, a servlet container's),
 * everything runs over sockets against it, as that target has no in-memory door.
 */
abstract class ConformanceFamily {

    static ConformanceTarget server;
    static MemoryServer memoryServer;

    @BeforeAll
    static void startServer() throws Exception {
        server = ConformanceTarget.start();
        if (!otherTarget()) {
            memoryServer = EchoServer.startInMemory();
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
        memoryServer = null;
    }

    /** Whether the cases run against a target named by the system property rather than Bowline's own server. */
    static boolean otherTarget() {
        return !System.getProperty(ConformanceTarget.PROPERTY, "").isBlank();
    }

    /** The transports a role-neutral table runs over: in memory, or over sockets against another target. */
    static List<Transport> tableTransports() {
        return otherTarget() ? List.of(Transport.SOCKET) : Transport.MEMORY;
    }

    /** A table's cases over {@link #tableTransports()}, plus sockets when {@code alsoOverSockets} (the smoke family). */
    static Stream<Arguments> overTransports(List<? extends Named<?>> cases, boolean alsoOverSockets) {
        List<Transport> transports = new ArrayList<>();
        if (alsoOverSockets && !otherTarget()) {
            transports.add(Transport.SOCKET);
        }
        transports.addAll(tableTransports());
        return Transport.cross(transports, cases);
    }

    /** Runs a role-neutral case with this test as the client ({@link WireClientPeer}) on a new connection. */
    static void run(Case c) throws Exception {
        runOnNewConnection(client -> c.run(new WireClientPeer(client)));
    }

    /** As {@link #run(Case)}, over {@code transport}. */
    static void run(Transport transport, Case c) throws Exception {
        try (WireClient client = open(transport, null)) {
            c.run(new WireClientPeer(client));
        }
    }

    /**
     * A connection to the echo endpoint over {@code transport}, upgraded (offering {@code extensions} when
     * not null): over sockets to the target, in memory to Bowline's server code reading in the transport's
     * chunk size.
     */
    static WireClient open(Transport transport, String extensions) throws IOException {
        if (!transport.inMemory()) {
            return WireClient.open(server, extensions);
        }
        MemoryWire wire = transport.memoryWire(WireClient.REPLY_TIMEOUT_MILLIS);
        memoryServer.accept(wire.bowlineEnd());
        return WireClient.open(wire, "/echo", extensions);
    }

    /** Opens a plain connection, runs the case on it and closes the socket whatever happened. */
    static void runOnNewConnection(Scenario scenario) throws Exception {
        try (WireClient client = WireClient.open(server)) {
            scenario.run(client);
        }
    }
}
