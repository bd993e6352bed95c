package org.bowline.examples.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.bowline.adapter.service.Caller;
import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.Service;
import org.bowline.adapter.service.WebSocketError;
import org.bowline.examples.Options;

/**
 * {@code broadcast}: every connection to /ws is kept; {@code POST /broadcaster/broadcast} on the HTTP
 * port writes its body to every one of them (and answers {@code OK}), as does a text any client sends.
 */
public final class BroadcastScenario extends ServerScenario {

    static final int DEFAULT_HTTP_PORT = 8081;
    static final String BROADCAST_PATH = "/broadcaster/broadcast";
    /** A broadcast is a chat line, not an upload. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Set<Caller> callers = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "broadcast";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "broadcast [--host HOST] [--port PORT] [--http-port PORT]",
                "                     keeps every connection to ws://HOST:PORT/ws; POST " + BROADCAST_PATH,
                "                     on the HTTP port (default " + DEFAULT_HTTP_PORT + "; 0 picks one, printed as"
                        + " 'HTTP <url>') sends",
                "                     the body to all of them and answers OK; so does a text a client sends");
    }

    @Override
    protected Set<String> extraOptions() {
        return Set.of("--http-port");
    }

    @Override
    protected void attach(Listener listener, Options options) {
        listener.attach("/ws", request -> new Service() {
            @Override
            public void onOpen(Caller caller) {
                callers.add(caller);
            }

            @Override
            public Object onTextMessage(Caller caller, String text) {
                broadcast(text);
                return null;
            }

            @Override
            public void onClose(Caller caller, int statusCode, String reason) {
                callers.remove(caller);
            }
        });
    }

    private int broadcast(String message) {
        int sent = 0;
        for (Caller caller : callers) {
            try {
                caller.writeTextMessage(message);
                sent++;
            } catch (WebSocketError e) {
                // It left while we wrote: onClose removes it.
            }
        }
        return sent;
    }

    @Override
    protected AutoCloseable startMore(Listener listener, Options options) throws Exception {
        int httpPort = options.port("--http-port", DEFAULT_HTTP_PORT);
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), httpPort), 0);
        } catch (IOException e) {
            throw new IOException("Cannot listen for HTTP on " + options.host() + ":" + httpPort + ": " + e.getMessage(), e);
        }
        http.createContext(BROADCAST_PATH, this::handle);
        http.start();
        Console.println("HTTP http://" + hostOf(http.getAddress()) + ":" + http.getAddress().getPort() + BROADCAST_PATH);
        return () -> http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(BROADCAST_PATH)) {
                answer(exchange, 404, "Not found: " + exchange.getRequestURI().getPath());
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answer(exchange, 405, "Use POST with the message as the body");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                answer(exchange, 413, "A broadcast holds at most " + MAX_BODY_BYTES + " bytes");
                return;
            }
            broadcast(new String(body, StandardCharsets.UTF_8));
            answer(exchange, 200, "OK");
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
