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

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import org.bowline.servlet.UpgradedOutput;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On embedded Jetty 12.1 (ee10) behind {@link JettyUpgradedInput}, a servlet that upgrades finds the end
 * point output offered on its request, and what its upgrade handler writes through it reaches the client
 * after the 101.
 */
class JettyUpgradedInputTest {

    private static final CompletableFuture<String> OUTPUT_TYPE = new CompletableFuture<>();

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
        context.addServlet(new ServletHolder(new UpgradingServlet()), "/hello");
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
            request.write(("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: hello\r\nConnection: Upgrade\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();

            String received = readUntil(socket.getInputStream(), "hello after the 101");

            assertTrue(received.startsWith("HTTP/1.1 101 "), received);
            assertTrue(received.indexOf("\r\n\r\n") < received.indexOf("hello after the 101"), received);
            assertEquals(JettyUpgradedInput.EndPointOutput.class.getName(), OUTPUT_TYPE.get(10, TimeUnit.SECONDS));
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

    /** Upgrades to a handler that writes through what the request offers. */
    public static final class UpgradingServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            UpgradedOutput offered = UpgradedOutput.of(request);
            assertNotNull(offered, "JettyUpgradedInput offers its output on an upgrade request");
            try {
                request.upgrade(HelloHandler.class).offered = offered;
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
        }
    }

    /** Writes one greeting through the offered output once the connection is upgraded. */
    public static final class HelloHandler implements HttpUpgradeHandler {
        volatile UpgradedOutput offered;

        public HelloHandler() {
        }

        @Override
        public void init(WebConnection connection) {
            try {
                ServletOutputStream out = offered.wrap(connection.getOutputStream());
                OUTPUT_TYPE.complete(out.getClass().getName());
                out.setWriteListener(new WriteListener() {
                    private boolean written;

                    @Override
                    public void onWritePossible() throws IOException {
                        if (!written && out.isReady()) {
                            written = true;
                            out.write("hello after the 101".getBytes(StandardCharsets.US_ASCII));
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        OUTPUT_TYPE.completeExceptionally(t);
                    }
                });
            } catch (IOException e) {
                OUTPUT_TYPE.completeExceptionally(e);
            }
        }

        @Override
        public void destroy() {
        }
    }
}
