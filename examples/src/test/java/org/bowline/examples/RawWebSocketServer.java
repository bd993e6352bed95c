package org.bowline.examples;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately small blocking WebSocket server on a plain socket, for tests that need to send what
 * a correct server never would: each accepted connection hands over the raw request head, answers
 * whatever head the test gives and then sends and reads frames one at a time.
 */
final class RawWebSocketServer implements Closeable {

    private final ServerSocket server;

    RawWebSocketServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(60_000);
    }

    URI url(String path) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** Waits (up to a minute) for the next client and reads its request head. */
    Peer accept() throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout(60_000);
        return new Peer(socket);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One client connection, seen from the server side. */
    static final class Peer implements Closeable {

        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final String requestHead;

        private Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.requestHead = readHead();
        }

        /** The request head without its blank line. */
        String requestHead() {
            return requestHead;
        }

        /** The value of a request header, or null. */
        String requestHeader(String name) {
            for (String line : requestHead.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        /** A correct 101 for the request, with no extension or subprotocol. */
        void switchProtocols() throws IOException {
            String key = requestHeader("Sec-WebSocket-Key");
            sendHead("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + RawWebSocket.acceptFor(key) + "\r\n\r\n");
        }

        void sendHead(String head) throws IOException {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** One unmasked frame, as a server sends; {@code rsv} holds the RSV1-3 bits (0x40, 0x20, 0x10). */
        void sendFrame(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((fin ? 0x80 : 0) | rsv | opcode);
            writeLength(frame, payload.length);
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
        }

        /** A frame header announcing {@code length} payload bytes, and none of them. */
        void sendHeaderOnly(int opcode, long length) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x80 | opcode);
            writeLength(frame, length);
            out.write(frame.toByteArray());
            out.flush();
        }

        private static void writeLength(ByteArrayOutputStream frame, long length) {
            if (length < 126) {
                frame.write((int) length);
            } else if (length <= 0xFFFF) {
                frame.write(126);
                frame.write((int) (length >>> 8));
                frame.write((int) length);
            } else {
                frame.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) (length >>> shift));
                }
            }
        }

        /** One frame from the client, unmasked; fails if the client did not mask it. */
        RawWebSocket.Frame readFrame() throws IOException {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            if ((second & 0x80) == 0) {
                throw new IOException("the client sent an unmasked frame (opcode " + (first & 0x0F) + ")");
            }
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            in.readFully(mask);
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            return new RawWebSocket.Frame((first & 0x80) != 0, first & 0x0F, payload);
        }

        /** Whether the client closed its side of the TCP connection (rather than sending more bytes) within a minute. */
        boolean readsEndOfStream() throws IOException {
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed inside the request head: "
                            + head.toString(StandardCharsets.ISO_8859_1));
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            return text.substring(0, text.length() - end.length);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
