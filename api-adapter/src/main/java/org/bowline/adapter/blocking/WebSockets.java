package org.bowline.adapter.blocking;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;

import org.bowline.container.client.BowlineClientContainer;
import org.bowline.container.session.SessionLimits;

/**
 * The blocking model's entry points, on Bowline's Jakarta WebSocket container.
 *
 * <pre>{@code
 * WebSockets.open("ws://127.0.0.1:8080/", ws -> {
 *     ws.send("hello");
 *     System.out.println(ws.receive());
 * });
 * WebSockets.listen("127.0.0.1", 8080, ws -> {
 *     for (var msg : ws) {
 *         ws.send(msg);
 *     }
 * });
 * }</pre>
 */
public final class WebSockets {

    private WebSockets() {
    }

    /** {@link #open(URI, Options, Handler)} with the default options. */
    public static void open(String url, Handler handler) throws Exception {
        open(URI.create(url), Options.defaults(), handler);
    }

    public static void open(String url, Options options, Handler handler) throws Exception {
        open(URI.create(url), options, handler);
    }

    /**
     * Connects to {@code url} (ws or wss), runs {@code handler} on the calling thread and closes
     * the connection: with 1000 when the handler returns, with 1011 when it throws, and then
     * rethrows what it threw.
     *
     * @throws IOException if the connection cannot be opened (its message names the URL)
     */
    public static void open(URI url, Options options, Handler handler) throws Exception {
        BowlineClientContainer container = new BowlineClientContainer();
        try {
            WebSocket ws = connect(container, url, options);
            Conversation.run(handler, ws);
        } finally {
            container.close();
        }
    }

    private static WebSocket connect(BowlineClientContainer container, URI url, Options options) throws IOException {
        container.setConnectTimeout(options.openTimeout().toMillis());
        container.setHandshakeTimeout(options.openTimeout().toMillis());
        container.setPermessageDeflateOffered(options.compression());
        Map<String, String> headers = options.headers();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(options.subprotocols())
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> request) {
                        headers.forEach((name, value) -> request.put(name, List.of(value)));
                    }
                })
                .build();
        // Message, frame and fragment limits, idle and close timeouts: the same limits a server of these options gives.
        config.getUserProperties().put(SessionLimits.USER_PROPERTY, options.sessionLimits());
        if (options.tls() != null) {
            config.getUserProperties().put(BowlineClientContainer.SSL_CONTEXT, options.tls());
        }
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        BlockingEndpoint endpoint = new BlockingEndpoint(options.closeTimeout().toMillis(), opened::complete);
        try {
            container.connectToServer(endpoint, config, url);
        } catch (DeploymentException e) {
            throw new IOException("Cannot open " + url + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("Cannot open " + url + ": " + e.getMessage(), e);
        }
        try {
            return opened.get(options.openTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while opening " + url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("The connection to " + url + " did not open in time", e);
        }
    }

    /** {@link #serve(String, int, Options, Handler)} with the default options. */
    public static BlockingServer serve(String host, int port, Handler handler) throws IOException {
        return serve(host, port, Options.defaults(), handler);
    }

    /**
     * Starts serving at {@code ws://host:port/} and returns at once: each connection runs
     * {@code handler} on a thread of its own (a virtual thread on JDK 21 and later), and is closed
     * with 1000 when it returns or 1011 when it throws. Port 0 picks a free port.
     */
    public static BlockingServer serve(String host, int port, Options options, Handler handler) throws IOException {
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
        return BlockingServer.start(host, port, options, handler);
    }

    /** {@link #listen(String, int, Options, Handler)} with the default options. */
    public static void listen(String host, int port, Handler handler) throws IOException, InterruptedException {
        listen(host, port, Options.defaults(), handler);
    }

    /**
     * As {@link #serve}, but blocks until the server is closed (by another thread) or the calling
     * thread is interrupted, which closes every connection with 1001.
     */
    public static void listen(String host, int port, Options options, Handler handler) throws IOException, InterruptedException {
        BlockingServer server = serve(host, port, options, handler);
        try {
            server.awaitClosed();
        } catch (InterruptedException e) {
            server.forceClose();
            throw e;
        }
    }

    /** Whether handlers run on virtual threads in this JVM (JDK 21 and later). */
    public static boolean virtualThreads() {
        return HandlerThreads.virtual();
    }
}
