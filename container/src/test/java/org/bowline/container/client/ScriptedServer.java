package org.bowline.container.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.bowline.container.handshake.AcceptKey;

/**
 * A misbehaving server on a plain ServerSocket: reads each upgrade request and answers with whatever
 * the script makes of it (null: never answer, keep the socket open; empty: close without answering).
 */
final class ScriptedServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    ScriptedServer(Function<String, String> script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    String request = TunnelProxy.readHead(s.getInputStream());
                    requests.add(request);
                    String answer = script.apply(request);
                    if (answer != null) {
                        OutputStream out = s.getOutputStream();
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        if (answer.isEmpty()) {
                            s.close();
                        }
                    }
                } catch (IOException e) {
                    // a client that went away is no concern of the script
                }
            }
        }, "test-scripted-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** A correct 101 for the request, plus extra header lines (each ending in CRLF). */
    static String switching(String request, String extraHeaders) {
        String key = header(request, "Sec-WebSocket-Key");
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + AcceptKey.of(key) + "\r\n" + extraHeaders + "\r\n";
    }

    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
