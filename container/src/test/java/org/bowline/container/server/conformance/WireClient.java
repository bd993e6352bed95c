package org.bowline.container.server.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.bowline.container.conformance.SocketWire;
import org.bowline.container.conformance.Wire;

/**
 * A test client that speaks RFC 6455 byte by byte, so a case can put exactly the (possibly
 * invalid) bytes it is about on the wire, and then hold the server to the strict verdict.
 */
public final class WireClient implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;
    public static final int RSV1 = 0x40;
    public static final int RSV2 = 0x20;
    public static final int RSV3 = 0x10;

    /** How long a strict case waits for the server's reaction before calling it a failure. */
    public static final int REPLY_TIMEOUT_MILLIS = 5000;

    /** A frame as the server sent it. */
    public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", rsv=0x" + Integer.toHexString(rsv) + ", opcode=" + opcode
                    + ", length=" + payload.length + (opcode == CLOSE ? ", code=" + closeCode() : "") + "]";
        }
    }

    /** A data message reassembled from the server's frames. */
    public record Message(int opcode, boolean compressed, int frames, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Wire wire;
    private final OutputStream out;
    private final DataInputStream in;
    private String statusLine;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private final String path;

    private WireClient(Wire wire, String path) {
        this.wire = wire;
        this.path = path;
        out = wire.out();
        in = new DataInputStream(wire.in());
    }

    /** Opens a connection to {@code /echo} on 127.0.0.1:{@code port} and completes the opening handshake. */
    public static WireClient open(int port) throws IOException {
        return open(SocketWire.connect(port, 0, REPLY_TIMEOUT_MILLIS), "/echo", null);
    }

    /** Completes the opening handshake for {@code path} over {@code wire} (101 required), offering {@code extensions} when not null. */
    public static WireClient open(Wire wire, String path, String extensions) throws IOException {
        WireClient client = new WireClient(wire, path);
        try {
            client.handshake(extensions);
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** Opens a connection to the target's echo endpoint and completes the opening handshake (101 required). */
    public static WireClient open(ConformanceTarget target) throws IOException {
        return open(target, null);
    }

    /** As {@link #open(ConformanceTarget)}, offering {@code extensions} (a header value) when not null. */
    public static WireClient open(ConformanceTarget target, String extensions) throws IOException {
        return open(SocketWire.connect(target.port(), 0, REPLY_TIMEOUT_MILLIS), target.path(), extensions);
    }

    /**
     * Opens a connection to {@code path} with a receive window of {@code receiveBufferBytes} (0: the
     * system's), offering {@code extensions} when not null: a small window makes a client that reads
     * slowly, or not at all, fill the server's queues rather than the kernel's.
     */
    public static WireClient open(int port, String path, String extensions, int receiveBufferBytes)
            throws IOException {
        return open(SocketWire.connect(port, receiveBufferBytes, REPLY_TIMEOUT_MILLIS), path, extensions);
    }

    private void handshake(String extensions) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + wire.remotePort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
        sendRaw(request.getBytes(StandardCharsets.ISO_8859_1));
        String[] lines = readHead().split("\r\n");
        statusLine = lines[0];
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                // repeated headers are one comma-separated list (RFC 9110 5.3)
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        assertTrue(statusLine.startsWith("HTTP/1.1 101 "), "handshake must succeed: " + statusLine);
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", header("sec-websocket-accept"));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in response head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A response header (lower-case name), or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public void setTimeout(int millis) throws IOException {
        wire.setTimeout(millis);
    }

    // ---------------------------------------------------------------- sending

    /** The bytes of one masked client frame. */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        writeHeader(f, fin, rsv, opcode, payload.length);
        byte[] key = maskKey();
        f.write(key, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ key[i & 3]);
        }
        return f.toByteArray();
    }

    /** Several frames back to back, to go out in ONE write. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p, 0, p.length);
        }
        return all.toByteArray();
    }

    private static void writeHeader(ByteArrayOutputStream f, boolean fin, int rsv, int opcode, long length) {
        f.write((fin ? 0x80 : 0) | rsv | opcode);
        if (length <= 125) {
            f.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            f.write(0x80 | 126);
            f.write((int) (length >>> 8));
            f.write((int) length);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) (length >>> (8 * i)));
            }
        }
    }

    private static byte[] maskKey() {
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        return key;
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends raw bytes in pieces of {@code chunk} bytes, each let to arrive by itself ({@link Wire#settle}). A
     * server that fails the connection part-way may close TCP under the remaining pieces; that
     * write error is left for the reads that follow to judge, as they see what the server sent.
     */
    public void sendChopped(byte[] bytes, int chunk, long pauseMillis) throws InterruptedException {
        try {
            for (int i = 0; i < bytes.length; i += chunk) {
                out.write(bytes, i, Math.min(chunk, bytes.length - i));
                out.flush();
                wire.settle(pauseMillis);
            }
        } catch (IOException closedUnderUs) {
            // see above: the verdict comes from readFrame/expectFailure
        }
    }

    /** Lets what was sent so far arrive by itself before what follows ({@link Wire#settle}). */
    public void settle(long pauseMillis) throws InterruptedException {
        wire.settle(pauseMillis);
    }

    /** Sends one frame, masking it through a small buffer so huge payloads need no second copy. */
    public void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        if (payload.length <= 64 * 1024) {
            sendRaw(frame(fin, rsv, opcode, payload));
            return;
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream(14);
        writeHeader(head, fin, rsv, opcode, payload.length);
        byte[] key = maskKey();
        head.write(key, 0, 4);
        out.write(head.toByteArray());
        byte[] buf = new byte[64 * 1024];
        for (int off = 0; off < payload.length; off += buf.length) {
            int n = Math.min(buf.length, payload.length - off);
            for (int i = 0; i < n; i++) {
                buf[i] = (byte) (payload[off + i] ^ key[(off + i) & 3]);
            }
            out.write(buf, 0, n);
        }
        out.flush();
    }

    public void send(int opcode, byte[] payload) throws IOException {
        send(true, 0, opcode, payload);
    }

    public void sendText(String text) throws IOException {
        send(TEXT, utf8(text));
    }

    /** Sends one message split into frames of at most {@code fragment} bytes. */
    public void sendFragmented(int opcode, byte[] payload, int fragment) throws IOException {
        int off = 0;
        do {
            int n = Math.min(fragment, payload.length - off);
            byte[] part = java.util.Arrays.copyOfRange(payload, off, off + n);
            off += n;
            send(off == payload.length, 0, off == n ? opcode : CONTINUATION, part);
        } while (off < payload.length);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    // ---------------------------------------------------------------- receiving

    /** The next frame; a timeout or EOF fails the case. */
    public Frame readFrame() throws IOException {
        int b0;
        try {
            b0 = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the server within the timeout", e);
        }
        if (b0 < 0) {
            throw new AssertionError("server closed TCP where a frame was expected");
        }
        int b1 = in.readUnsignedByte();
        assertEquals(0, b1 & 0x80, "server frames must not be masked (RFC 6455 5.1)");
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
            assertTrue(len > 125, "16-bit length must be minimal (RFC 6455 5.2)");
        } else if (len == 127) {
            len = in.readLong();
            assertTrue(len > 0xFFFF, "64-bit length must be minimal (RFC 6455 5.2)");
        }
        assertTrue(len <= Integer.MAX_VALUE, "frame too large for the test: " + len);
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x70, b0 & 0x0F, payload);
    }

    /** The next frame, which must be a pong carrying {@code payload}. */
    public void expectPong(byte[] payload) throws IOException {
        Frame f = readFrame();
        assertEquals(PONG, f.opcode(), () -> "expected a pong, got " + f);
        assertTrue(f.fin(), "control frames are never fragmented");
        assertArrayEquals(payload, f.payload(), "pong must carry the ping's application data");
    }

    /** The next data message; any control frame before it fails the case. */
    public Message readMessage() throws IOException {
        Frame first = readFrame();
        assertTrue(first.opcode() == TEXT || first.opcode() == BINARY, () -> "expected a data message, got " + first);
        assertEquals(0, first.rsv() & (RSV2 | RSV3), "RSV2/RSV3 must be clear");
        ByteArrayOutputStream payload = new ByteArrayOutputStream(Math.max(32, first.payload().length));
        payload.write(first.payload(), 0, first.payload().length);
        int frames = 1;
        Frame f = first;
        while (!f.fin()) {
            Frame next = readFrame();
            assertEquals(CONTINUATION, next.opcode(), () -> "expected a continuation frame, got " + next);
            assertEquals(0, next.rsv(), "continuation frames carry no RSV bits (RFC 7692 6.1)");
            payload.write(next.payload(), 0, next.payload().length);
            frames++;
            f = next;
        }
        return new Message(first.opcode(), (first.rsv() & RSV1) != 0, frames, payload.toByteArray());
    }

    /** The next message must be an uncompressed echo of {@code payload} with {@code opcode}. */
    public void expectEcho(int opcode, byte[] payload) throws IOException {
        Message m = readMessage();
        assertEquals(opcode, m.opcode(), "echo opcode");
        assertFalse(m.compressed(), "no extension was negotiated: RSV1 must be clear");
        if (!java.util.Arrays.equals(payload, m.payload())) {
            fail("echo differs: sent " + payload.length + " bytes, got " + m.payload().length);
        }
    }

    public void expectEcho(String text) throws IOException {
        expectEcho(TEXT, utf8(text));
    }

    /**
     * The strict verdict for a failed connection: the very next frame is a close with
     * {@code code}, and the server then closes TCP without sending anything else.
     */
    public void expectFailure(int code) throws IOException {
        expectClose(code);
    }

    /** The very next frame is a close with {@code code}; then the server closes TCP. */
    public void expectClose(int code) throws IOException {
        expectCloseFrame(code);
        expectEof();
    }

    /** The very next frame is a close with {@code code} (what follows it is the caller's to check). */
    public void expectCloseFrame(int code) throws IOException {
        Frame f = readFrame();
        assertEquals(CLOSE, f.opcode(), () -> "expected close " + code + ", got " + f);
        assertEquals(code, f.closeCode(), "close code");
        assertTrue(f.fin(), "control frames are never fragmented");
    }

    /** The server must close TCP now, with no further bytes. */
    public void expectEof() throws IOException {
        try {
            int b = in.read();
            assertEquals(-1, b, "no bytes may follow the server's close frame");
        } catch (SocketTimeoutException e) {
            fail("server did not close the TCP connection after its close frame");
        } catch (SocketException e) {
            // reset after the close frame: the connection is gone, which is what was asked
        }
    }

    /**
     * Ends a healthy case: the client's close 1000 is answered by close 1000 as the very next
     * frame (so nothing unexpected was pending), then the server closes TCP.
     */
    public void closeNormally() throws IOException {
        send(CLOSE, closePayload(1000, new byte[0]));
        expectClose(1000);
    }

    /** Resets the connection (RST, not FIN), as a client that crashes or a flood of them would. */
    public void reset() throws IOException {
        wire.reset();
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
