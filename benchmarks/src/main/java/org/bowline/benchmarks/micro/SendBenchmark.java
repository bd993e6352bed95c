package org.bowline.benchmarks.micro;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import org.bowline.container.frame.Role;
import org.bowline.container.session.SessionLimits;
import org.bowline.container.session.SessionSetup;
import org.bowline.container.session.WsSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The send path alone, in both roles: {@code RemoteEndpoint.Basic.sendText} and {@code sendBinary} of one
 * whole message on a session whose {@link InlineConnection} completes every write at once. The client role
 * masks (a fresh key per frame) into a copy, the server role frames the payload as it is; with
 * {@code -prof gc} this shows what one frame costs in allocation (the goal is nothing).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SendBenchmark {

    @Param({"server", "client"})
    String role;

    @Param({"32", "1024"})
    int size;

    private InlineConnection connection;
    private RemoteEndpoint.Basic remote;
    private String text;
    private ByteBuffer binary;

    /** An endpoint that only sends. */
    public static class Quiet extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @Setup
    public void setUp() {
        connection = new InlineConnection();
        Role r = Role.valueOf(role.toUpperCase(java.util.Locale.ROOT));
        WsSession session = new WsSession(new SessionSetup(connection, r, new Quiet(), null, null,
                SessionLimits.defaults(), Runnable::run, "ws://localhost/send", Map.of(), null, Map.of(),
                null, "", List.of(), null, ConcurrentHashMap.newKeySet()));
        session.start(null);
        remote = session.getBasicRemote();
        byte[] bytes = WireFrames.ascii(size);
        text = new String(bytes, StandardCharsets.US_ASCII);
        binary = ByteBuffer.allocateDirect(size).put(bytes).flip();
    }

    @TearDown
    public void tearDown() {
        connection.abort();
    }

    @Benchmark
    public long sendText() throws IOException {
        remote.sendText(text);
        return connection.writtenBytes;
    }

    @Benchmark
    public long sendBinary() throws IOException {
        remote.sendBinary(binary);
        return connection.writtenBytes;
    }
}
