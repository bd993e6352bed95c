package org.bowline.benchmarks.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * 32 B echoes, one at a time on one connection, while a second connection to the same server makes a big
 * round trip four times a second and pings the server while each echo is coming back: how long a big
 * message's write, and the pong owed during it, hold up the server's other connections. Latency of the
 * small echo, p50 and p99. Four big round trips a second are within every server's reach here (the slowest
 * takes about 100 ms), so each server carries the same load beside the small echo.
 *
 * <p>Blocking sockets on two threads of the load generator: the small echo's own timing includes that thread
 * sharing the generator's core with the big connection's reader, the same for every server.
 */
final class EchoBesideBig implements Scenario {

    static final long BIG_PERIOD_MILLIS = 250;
    /** The ping goes once this much of the echo has come back, so the server is still writing it. */
    private static final int PING_AFTER_BYTES = 1 << 20;
    private static final int SOCKET_TIMEOUT_MILLIS = 60_000;

    private final int bigBytes;
    private final Row p50;
    private final Row p99;

    EchoBesideBig(int bigBytes) {
        this.bigBytes = bigBytes;
        String beside = "32 B echo beside " + Scenarios.size(bigBytes) + " round trips";
        this.p50 = new Row(beside + " p50", "µs", false);
        this.p99 = new Row(beside + " p99", "µs", false);
    }

    @Override
    public String group() {
        return "beside";
    }

    @Override
    public List<Row> rows() {
        return List.of(p50, p99);
    }

    @Override
    public String path() {
        return "/big";
    }

    @Override
    public Map<Row, Double> run(ServerProcess server, Settings settings) throws Exception {
        byte[] big = bytes(Frames.frame(Frames.BINARY, bigBytes));
        byte[] ping = bytes(Frames.frame(Frames.PING, 4));
        byte[] small = bytes(Frames.frame(Frames.TEXT, 32));
        try (Socket bigConn = open(server.address, "/big"); Socket echoConn = open(server.address, "/echo")) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger bigTrips = new AtomicInteger();
            AtomicReference<Throwable> bigFailure = new AtomicReference<>();
            Thread bigThread = new Thread(() -> {
                try {
                    InboundFrames frames = new InboundFrames();
                    byte[] chunk = new byte[1 << 20];
                    long next = System.nanoTime();
                    while (!stop.get()) {
                        roundTrip(bigConn, big, ping, frames, chunk);
                        bigTrips.incrementAndGet();
                        next += TimeUnit.MILLISECONDS.toNanos(BIG_PERIOD_MILLIS);
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                } catch (Throwable t) {
                    bigFailure.set(t);
                }
            }, "beside-big");
            bigThread.setDaemon(true);
            bigThread.start();

            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            InboundFrames frames = new InboundFrames();
            byte[] chunk = new byte[4096];
            long warmEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis());
            while (System.nanoTime() < warmEnd) {
                roundTrip(echoConn, small, null, frames, chunk);
            }
            int tripsBefore = bigTrips.get();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.measureMillis());
            while (System.nanoTime() < end && bigFailure.get() == null) {
                long start = System.nanoTime();
                roundTrip(echoConn, small, null, frames, chunk);
                histogram.recordValue(System.nanoTime() - start);
            }
            stop.set(true);
            bigThread.join(SOCKET_TIMEOUT_MILLIS);
            if (bigFailure.get() != null) {
                throw new IOException("the " + Scenarios.size(bigBytes) + " connection failed: " + bigFailure.get(),
                        bigFailure.get());
            }
            if (bigTrips.get() == tripsBefore) {
                throw new IOException("no " + Scenarios.size(bigBytes) + " round trip ended while the echo was timed");
            }
            if (histogram.getTotalCount() == 0) {
                throw new IOException("no 32 B echo came back");
            }
            Map<Row, Double> result = new LinkedHashMap<>();
            result.put(p50, histogram.getValueAtPercentile(50) / 1e3);
            result.put(p99, histogram.getValueAtPercentile(99) / 1e3);
            return result;
        }
    }

    /**
     * Sends {@code frame} and returns once the message it answers with is whole; with a {@code ping}, pings once
     * that answer is well under way (the server is then still writing it).
     */
    private static void roundTrip(Socket socket, byte[] frame, byte[] ping, InboundFrames frames, byte[] chunk)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(frame);
        long got = 0;
        boolean pinged = ping == null;
        int messages = 0;
        while (messages == 0) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new EOFException("the server closed the connection");
            }
            got += n;
            // The pong (or, from raw TCP, the ping itself) is skipped as a control frame by the next read.
            messages += frames.feed(ByteBuffer.wrap(chunk, 0, n));
            if (!pinged && got >= PING_AFTER_BYTES) {
                out.write(ping);
                pinged = true;
            }
        }
    }

    private static Socket open(InetSocketAddress address, String path) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        socket.getOutputStream().write(LoadClient.upgradeRequest(address, path));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 2048) {
                socket.close();
                throw new IOException(path + " was refused: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException(path + " was refused: " + head.toString().lines().findFirst().orElse(""));
        }
        return socket;
    }

    private static byte[] bytes(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return bytes;
    }
}
