package org.bowline.servlet.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import org.bowline.servlet.UpgradedStreams;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On embedded Jetty 12.1 (ee10) behind {@link JettyUpgradedInput}, a servlet that upgrades finds Jetty's own
 * streams offered on its request: what its upgrade handler writes through them reaches the client after the
 * 101, and what the client sends reaches the handler, called back on Jetty's selector, also when the client
 * sent it together with the upgrade request.
 */
class JettyUpgradedInputTest {

    private static final CompletableFuture<String> OUTPUT_TYPE = new CompletableFuture<>();
    private static final CompletableFuture<String> INPUT_TYPE = new CompletableFuture<>();
    /** Whether the input said it was calling back on Jetty's I/O thread when bytes arrived. */
    private static final CompletableFuture<Boolean> CALLED_BACK_ON_IO_THREAD = new CompletableFuture<>();
    private static final String UPGRADE = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: hello\r\n"
            + "Connection: Upgrade\r\n\r\n";

    private Server server;
    private int port;

    @BeforeEach
    void startJetty() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new UpgradingServlet(HelloHandler.class)), "/hello");
        context.addServlet(new ServletHolder(new UpgradingServlet(CountingHandler.class)), "/count");
        server.setHandler(new JettyUpgradedInput(context));
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stopJetty() throws Exception {
        server.stop();
    }

    @Test
    void anUpgradedConnectionWritesStraightToTheEndPointAfterThe101() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream request = socket.getOutputStream();
            request.write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
            request.flush();

            String received = readUntil(socket.getInputStream(), "hello after the 101");
            assertTrue(received.startsWith("HTTP/1.1 101 "), received);
            assertTrue(received.indexOf("\r\n\r\n") < received.indexOf("hello after the 101"), received);
            assertEquals(JettyUpgradedInput.EndPointOutput.class.getName(), OUTPUT_TYPE.get(10, TimeUnit.SECONDS));

            request.write("echo:abc;".getBytes(StandardCharsets.US_ASCII));
            request.flush();
            assertEquals("echo:abc;", readUntil(socket.getInputStream(), ";"));
            assertEquals(JettyUpgradedInput.RequestInput.class.getName(), INPUT_TYPE.get(10, TimeUnit.SECONDS));
            assertTrue(CALLED_BACK_ON_IO_THREAD.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void bytesSentWithTheUpgradeRequestAreReadToo() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream request = socket.getOutputStream();
            request.write((UPGRADE + "echo:early;").getBytes(StandardCharsets.US_ASCII));
            request.flush();

            String received = readUntil(socket.getInputStream(), "echo:early;");

            assertTrue(received.startsWith("HTTP/1.1 101 "), received);
            assertTrue(received.endsWith("hello after the 101echo:early;"), received);
        }
    }

    @Test
    void oneCallbackOnTheSelectorReadsAtMostSixteenTimesSoOtherConnectionsGetTheirTurn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream request = socket.getOutputStream();
            request.write(UPGRADE.replace("/hello", "/count").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            readUntil(socket.getInputStream(), "\r\n\r\n");

            byte[] bulk = new byte[CountingHandler.EXPECTED];
            request.write(bulk);   // far more than sixteen reads' worth, all at once
            request.flush();

            String answer = readUntil(socket.getInputStream(), ";");
            assertTrue(answer.startsWith("most reads in one callback: "), answer);
            int most = Integer.parseInt(answer.substring(answer.indexOf(": ") + 2, answer.length() - 1));
            assertTrue(most > 0 && most <= JettyUpgradedInput.RequestInput.MAX_READS_PER_CALLBACK, answer);
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            seen.write(b);
        }
        return seen.toString(StandardCharsets.US_ASCII);
    }

    /** Upgrades to the handler it was made with, which then reads and writes through what the request offers. */
    public static final class UpgradingServlet extends HttpServlet {
        private final Class<? extends OfferedStreamsHandler> handler;

        UpgradingServlet(Class<? extends OfferedStreamsHandler> handler) {
            this.handler = handler;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            UpgradedStreams offered = UpgradedStreams.of(request);
            assertNotNull(offered, "JettyUpgradedInput offers its streams on an upgrade request");
            try {
                request.upgrade(handler).offered = offered;
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
        }
    }

    /** An upgrade handler that gets the offered streams over the container's own. */
    public abstract static class OfferedStreamsHandler implements HttpUpgradeHandler {
        volatile UpgradedStreams offered;

        @Override
        public final void init(WebConnection connection) {
            try {
                start(offered.in(connection.getInputStream()), offered.out(connection.getOutputStream()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        abstract void start(ServletInputStream in, ServletOutputStream out);

        @Override
        public void destroy() {
        }
    }

    /**
     * Writes one greeting through the offered output once the connection is upgraded, then echoes what it reads
     * through the offered input (the echo waits for the greeting, which the client reads first).
     */
    public static final class HelloHandler extends OfferedStreamsHandler {
        public HelloHandler() {
        }

        @Override
        void start(ServletInputStream in, ServletOutputStream out) {
            OUTPUT_TYPE.complete(out.getClass().getName());
            INPUT_TYPE.complete(in.getClass().getName());
            Echo echo = new Echo(out);
            out.setWriteListener(new WriteListener() {
                @Override
                public void onWritePossible() throws IOException {
                    echo.writeWhatIsDue();
                }

                @Override
                public void onError(Throwable t) {
                    OUTPUT_TYPE.completeExceptionally(t);
                }
            });
            in.setReadListener(new ReadListener() {
                @Override
                public void onDataAvailable() throws IOException {
                    byte[] buffer = new byte[64];
                    while (in.isReady()) {
                        int n = in.read(buffer, 0, buffer.length);
                        if (n < 0) {
                            return;
                        }
                        CALLED_BACK_ON_IO_THREAD.complete(((UpgradedStreams.IoThreadCallbacks) in).callingBack());
                        echo.received(buffer, n);
                    }
                }

                @Override
                public void onAllDataRead() {
                }

                @Override
                public void onError(Throwable t) {
                    INPUT_TYPE.completeExceptionally(t);
                }
            });
        }
    }

    /** Reads {@link #EXPECTED} bytes, then answers with the most reads one callback on the selector made. */
    public static final class CountingHandler extends OfferedStreamsHandler {
        static final int EXPECTED = 4 * 1024 * 1024;

        public CountingHandler() {
        }

        @Override
        void start(ServletInputStream in, ServletOutputStream out) {
            out.setWriteListener(new WriteListener() {
                @Override
                public void onWritePossible() {
                }

                @Override
                public void onError(Throwable t) {
                }
            });
            in.setReadListener(new ReadListener() {
                private final byte[] buffer = new byte[64 * 1024];
                private long received;
                private int most;

                @Override
                public void onDataAvailable() throws IOException {
                    boolean onSelector = ((UpgradedStreams.IoThreadCallbacks) in).callingBack();
                    int reads = 0;
                    while (in.isReady()) {
                        int n = in.read(buffer, 0, buffer.length);
                        if (n < 0) {
                            return;
                        }
                        reads++;
                        received += n;
                    }
                    if (onSelector) {
                        most = Math.max(most, reads);
                    }
                    if (received == EXPECTED && out.isReady()) {
                        out.write(("most reads in one callback: " + most + ";").getBytes(StandardCharsets.US_ASCII));
                    }
                }

                @Override
                public void onAllDataRead() {
                }

                @Override
                public void onError(Throwable t) {
                }
            });
        }
    }

    /** The greeting first, then each message the client ended with ';', whichever listener gets there. */
    private static final class Echo {
        private final ServletOutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private boolean greeted;

        Echo(ServletOutputStream out) {
            this.out = out;
        }

        synchronized void received(byte[] bytes, int length) throws IOException {
            received.write(bytes, 0, length);
            writeWhatIsDue();
        }

        synchronized void writeWhatIsDue() throws IOException {
            if (!out.isReady()) {
                return;   // onWritePossible comes back here
            }
            if (!greeted) {
                greeted = true;
                out.write("hello after the 101".getBytes(StandardCharsets.US_ASCII));
                if (!out.isReady()) {
                    return;
                }
            }
            String text = received.toString(StandardCharsets.US_ASCII);
            if (text.endsWith(";")) {
                received.reset();
                out.write(text.getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
