package org.bowline.container.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately dumb WebSocket client for tests: hand-written handshake and frames, so a test
 * can send exactly the bytes a rule is about, valid or not.
 */
final class RawClient implements AutoCloseable {

    /** A frame as read off the wire. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private String responseHead;

    RawClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over a socket the test made, e.g. an SSLSocket. */
    RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    static RawClient connect(int port, String path) throws IOException {
        return connect(port, path, "");
    }

    /** Connects and completes a handshake; extraHeaders are CRLF-terminated lines. */
    static RawClient connect(int port, String path, String extraHeaders) throws IOException {
        return handshake(new RawClient(port), port, path, extraHeaders);
    }

    static RawClient handshake(RawClient client, int port, String path, String extraHeaders) throws IOException {
        client.send(upgradeRequest(port, path, extraHeaders));
        String head = client.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("Handshake refused: " + head);
        }
        return client;
    }

    /** The upgrade request {@link #handshake} sends; extraHeaders are CRLF-terminated lines. */
    static String upgradeRequest(int port, String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    void send(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Reads an HTTP response head (up to the blank line). */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        responseHead = head.toString(StandardCharsets.ISO_8859_1);
        return responseHead;
    }

    /** The rest of an HTTP response after its head, until the server closes. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    String responseHead() {
        return responseHead;
    }

    /** A masked frame, as a client must send. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return frame(fin, rsv, opcode, payload, true);
    }

    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | rsv | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            f.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            f.write(maskBit | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(maskBit | 127);
            long len = payload.length;
            for (int i = 7; i >= 0; i--) {
                f.write((int) (len >>> (8 * i)));
            }
        }
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        if (masked) {
            f.write(key, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            f.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
        }
        return f.toByteArray();
    }

    void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        send(frame(fin, 0, opcode, payload));
    }

    void sendText(String text) throws IOException {
        sendFrame(true, 1, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] closePayload(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    /** Reads one frame from the server (which must not mask). */
    Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) != 0) {
            throw new IOException("Server sent a masked frame");
        }
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x70, b0 & 0x0F, payload);
    }

    /** True when the server closes the TCP connection within the socket timeout. */
    boolean awaitEof() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }

    InputStream input() {
        return in;
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** permessage-deflate compression of one message without context takeover (RFC 7692 7.2.1). */
    static byte[] deflate(byte[] data) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = d.deflate(buf, 0, buf.length, java.util.zip.Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        d.end();
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - 4); // RFC 7692: drop the 00 00 ff ff tail
    }

    /** The inverse of {@link #deflate}: one compressed message payload, inflated. */
    static byte[] inflate(byte[] data) throws java.util.zip.DataFormatException {
        java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
        byte[] withTail = java.util.Arrays.copyOf(data, data.length + 4);
        withTail[data.length + 2] = (byte) 0xFF;
        withTail[data.length + 3] = (byte) 0xFF;
        inf.setInput(withTail);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = inf.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        inf.end();
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
