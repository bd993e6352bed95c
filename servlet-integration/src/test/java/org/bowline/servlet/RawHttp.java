package org.bowline.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One hand-written HTTP/1.1 request over a socket and its response, for handshakes that must fail. */
final class RawHttp {

    /** A response: status, the head as text (for header checks) and the body. */
    record Response(int status, String head, String body) {
        boolean hasHeader(String name, String value) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)
                        && line.substring(colon + 1).trim().equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    private RawHttp() {
    }

    /** A WebSocket upgrade request for {@code path}; {@code extraHeaders} are CRLF-terminated lines. */
    static Response upgrade(int port, String path, String extraHeaders) throws IOException {
        return send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + extraHeaders + "\r\n");
    }

    static Response get(int port, String path) throws IOException {
        return send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
    }

    static Response send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            if (status == 101) {
                return new Response(status, head, "");
            }
            int length = contentLength(head);
            byte[] body = length >= 0 ? in.readNBytes(length) : new byte[0];
            return new Response(status, head, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }
}
