package org.bowline.adapter.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * A misbehaving server on a raw socket: it completes the opening handshake of one connection and
 * then never reads another byte, so whatever the client sends piles up.
 */
final class SilentPeer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server = new ServerSocket(0);
    private volatile Socket accepted;

    SilentPeer() throws IOException {
        Thread thread = new Thread(this::acceptOne, "silent-peer");
        thread.setDaemon(true);
        thread.start();
    }

    String url() {
        return "ws://127.0.0.1:" + port() + "/echo";
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptOne() {
        try {
            Socket socket = server.accept();
            accepted = socket;
            socket.setReceiveBufferSize(4096);
            String key = null;
            for (String line : readHead(socket.getInputStream()).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n";
            socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException | NoSuchAlgorithmException e) {
            // the test is over
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client went away during its request");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String accept(String key) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }

    @Override
    public void close() throws IOException {
        Socket s = accepted;
        if (s != null) {
            s.close();
        }
        server.close();
    }
}
