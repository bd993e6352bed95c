package org.bowline.container.client.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.bowline.container.conformance.Peer;
import org.bowline.container.conformance.SocketWire;
import org.bowline.container.conformance.Wire;

/**
 * The server side of one connection, spoken byte by byte: it answers the client's opening handshake
 * itself, puts exactly the (possibly invalid) unmasked frames a case is about on the wire, and reads
 * and unmasks what the client sends back, holding it to the strict verdict: every client frame
 * masked with a key of its own, minimal length encodings, nothing after the client's close frame.
 * It is the role-neutral cases' {@link Peer} when Bowline is the client, over whatever {@link Wire} carries it.
 */
final class WireServer implements Peer, AutoCloseable {

    /** How long a read waits for the client before the case fails; generous, the machine is shared. */
    static final int REPLY_TIMEOUT_MILLIS = 10_000;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** A data message reassembled (and, when compressed, inflated) from the client's frames. */
    record Message(int opcode, boolean compressed, int frames, byte[] payload) {
    }

    private final Wire wire;
    private final OutputStream out;
    private final DataInputStream in;
    private final Map<String, String> requestHeaders = new LinkedHashMap<>();
    private String requestLine;
    private ServerDeflate deflate;
    private boolean sawMaskKey;
    private int lastMaskKey;
    private int clientFrames;
    private boolean clientClosed;
    private boolean clientEof;
    private Integer expectedClientCloseCode;
    private boolean clientInitiatedClose;

    WireServer(Socket socket) throws IOException {
        this(new SocketWire(socket, REPLY_TIMEOUT_MILLIS));
    }

    /** The server side of a connection carried by {@code wire} (its reads timing out after {@link #REPLY_TIMEOUT_MILLIS}). */
    WireServer(Wire wire) {
        this.wire = wire;
        out = wire.out();
        in = new DataInputStream(wire.in());
    }

    // ---------------------------------------------------------------- opening handshake

    /** Reads the client's upgrade request and checks it is a well-formed RFC 6455 4.1 request. */
    void readUpgradeRequest() throws IOException {
        String[] lines = readHead().split("\r\n");
        requestLine = lines[0];
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                requestHeaders.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        assertTrue(requestLine.startsWith("GET ") && requestLine.endsWith(" HTTP/1.1"),
                "RFC 6455 4.1: a GET with HTTP/1.1: " + requestLine);
        assertTrue(header("upgrade").equalsIgnoreCase("websocket"), "Upgrade: " + header("upgrade"));
        assertTrue(header("connection").toLowerCase(Locale.ROOT).contains("upgrade"), "Connection: " + header("connection"));
        assertEquals("13", header("sec-websocket-version"));
        assertEquals(16, Base64.getDecoder().decode(header("sec-websocket-key")).length,
                "RFC 6455 4.1: the key is 16 random bytes, base64-encoded");
        assertEquals("GET /echo HTTP/1.1", requestLine, "the request-target is the URI's path");
        assertEquals("127.0.0.1:" + wire.localPort(), header("host"), "RFC 6455 4.1: Host with the non-default port");
    }

    /** A request header (lower-case name), or "" when absent. */
    String header(String name) {
        return requestHeaders.getOrDefault(name, "");
    }

    /** The Sec-WebSocket-Accept value RFC 6455 4.2.2 asks for, computed here independently of Bowline. */
    String acceptKey() {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((header("sec-websocket-key") + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A correct 101, with extra header lines (each ending in CRLF). */
    String switchingProtocols(String extraHeaders) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptKey() + "\r\n" + extraHeaders + "\r\n";
    }

    /** Compress and decompress data messages with these agreed parameters from now on. */
    void useDeflate(ServerDeflate agreed) {
        this.deflate = agreed;
    }

    ServerDeflate deflate() {
        return deflate;
    }

    @Override
    public byte[] compress(byte[] message) {
        if (deflate == null) {
            throw new IllegalStateException("permessage-deflate was not agreed on this connection");
        }
        return deflate.compress(message);
    }

    /** {@link #readMessage()} decodes a compressed echo with the agreed context and window. */
    @Override
    public void expectCompressedEcho(int opcode, byte[] message) throws IOException {
        Message echo = readEcho(opcode, message);
        assertTrue(echo.compressed(), "the client's echo is not compressed though permessage-deflate was agreed");
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in request head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- sending

    /** The bytes of one unmasked server frame. */
    static byte[] serverFrame(boolean fin, int rsv, int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 10);
        writeHeader(f, fin, rsv, opcode, payload.length, false);
        f.write(payload, 0, payload.length);
        return f.toByteArray();
    }

    /** A frame masked as only a client may send it (RFC 6455 5.1: a server MUST NOT mask). */
    static byte[] maskedFrame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        writeHeader(f, fin, 0, opcode, payload.length, true);
        byte[] key = {0x37, (byte) 0xFA, 0x21, 0x3D};
        f.write(key, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ key[i & 3]);
        }
        return f.toByteArray();
    }

    /** The header of a frame announcing {@code length} payload bytes, for cases that never send them all. */
    static byte[] serverHeader(boolean fin, int rsv, int opcode, long length) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(10);
        writeHeader(f, fin, rsv, opcode, length, false);
        return f.toByteArray();
    }

    @Override
    public byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return serverFrame(fin, rsv, opcode, payload);
    }

    @Override
    public byte[] header(boolean fin, int rsv, int opcode, long length) {
        return serverHeader(fin, rsv, opcode, length);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p, 0, p.length);
        }
        return all.toByteArray();
    }

    private static void writeHeader(ByteArrayOutputStream f, boolean fin, int rsv, int opcode, long length,
                                    boolean masked) {
        int mask = masked ? 0x80 : 0;
        f.write((fin ? 0x80 : 0) | rsv | opcode);
        if (length <= 125) {
            f.write(mask | (int) length);
        } else if (length <= 0xFFFF) {
            f.write(mask | 126);
            f.write((int) (length >>> 8));
            f.write((int) length);
        } else {
            f.write(mask | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) (length >>> (8 * i)));
            }
        }
    }

    @Override
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Writes raw bytes in pieces of {@code chunk} bytes, each let to arrive by itself ({@link Wire#settle}). A client
     * that fails the connection part-way may close TCP under the remaining pieces; that write error is
     * left for the reads that follow to judge.
     */
    @Override
    public void sendChopped(byte[] bytes, int chunk, long pauseMillis) throws InterruptedException {
        try {
            for (int i = 0; i < bytes.length; i += chunk) {
                out.write(bytes, i, Math.min(chunk, bytes.length - i));
                out.flush();
                wire.settle(pauseMillis);
            }
        } catch (IOException closedUnderUs) {
            // see above: the verdict comes from the reads
        }
    }

    /** Lets what was sent so far arrive by itself before what follows ({@link Wire#settle}). */
    @Override
    public void settle(long pauseMillis) throws InterruptedException {
        wire.settle(pauseMillis);
    }

    @Override
    public void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        if (payload.length <= 64 * 1024) {
            sendRaw(serverFrame(fin, rsv, opcode, payload));
        } else {
            // no second copy of a large payload
            out.write(serverHeader(fin, rsv, opcode, payload.length));
            out.write(payload);
            out.flush();
        }
    }

    /** Sends one message split into frames of at most {@code fragment} bytes. */
    @Override
    public void sendFragmented(int opcode, byte[] payload, int fragment) throws IOException {
        int off = 0;
        do {
            int n = Math.min(fragment, payload.length - off);
            byte[] part = Arrays.copyOfRange(payload, off, off + n);
            off += n;
            send(off == payload.length, 0, off == n ? opcode : CONTINUATION, part);
        } while (off < payload.length);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    // ---------------------------------------------------------------- receiving

    /** The next client frame, unmasked; a timeout, EOF or any framing sin of the client fails the case. */
    @Override
    public Frame readFrame() throws IOException {
        assertFalse(clientClosed, "the case read past the client's close frame");
        int b0;
        try {
            b0 = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the client within " + REPLY_TIMEOUT_MILLIS + " ms", e);
        }
        if (b0 < 0) {
            clientEof = true;
            throw new AssertionError("client closed TCP where a frame was expected");
        }
        int b1 = in.readUnsignedByte();
        assertEquals(0x80, b1 & 0x80, "RFC 6455 5.3: every client frame must be masked");
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
            assertTrue(len > 125, "RFC 6455 5.2: 16-bit length must be minimal");
        } else if (len == 127) {
            len = in.readLong();
            assertTrue(len > 0xFFFF, "RFC 6455 5.2: 64-bit length must be minimal");
        }
        assertTrue(len <= Integer.MAX_VALUE, "frame too large for the test: " + len);
        int key = in.readInt();
        if (sawMaskKey) {
            // RFC 6455 5.3: a fresh, unpredictable key per frame; reuse of the last one is the tell-tale sign.
            assertNotEquals(lastMaskKey, key, "client frame " + (clientFrames + 1) + " reuses the previous masking key");
        }
        sawMaskKey = true;
        lastMaskKey = key;
        clientFrames++;
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
        Frame f = new Frame((b0 & 0x80) != 0, b0 & 0x70, b0 & 0x0F, payload);
        assertEquals(0, f.rsv() & (RSV2 | RSV3), () -> "RSV2/RSV3 set by the client: " + f);
        checkOpcode(f);
        if (f.opcode() == CLOSE) {
            checkClosePayload(f);
            clientClosed = true;
        }
        return f;
    }

    /** The client may only send defined opcodes, and control frames as RFC 6455 5.5 shapes them. */
    private static void checkOpcode(Frame f) {
        int op = f.opcode();
        assertTrue(op <= BINARY || (op >= CLOSE && op <= PONG), () -> "client sent reserved opcode " + op);
        if (op >= CLOSE) {
            assertTrue(f.fin(), () -> "RFC 6455 5.5: client fragmented a control frame: " + f);
            assertEquals(0, f.rsv(), () -> "RSV bits on a client control frame: " + f);
            assertTrue(f.payload().length <= 125, () -> "RFC 6455 5.5: client control frame over 125 bytes: " + f);
        }
    }

    /** The client's own close must be well-formed: a code allowed on the wire and a UTF-8 reason (RFC 6455 5.5.1, 7.4). */
    private static void checkClosePayload(Frame f) {
        byte[] p = f.payload();
        if (p.length == 0) {
            return;
        }
        assertTrue(p.length >= 2, "RFC 6455 5.5.1: a close payload starts with a 2-byte code");
        int code = f.closeCode();
        assertTrue((code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006) || (code >= 3000 && code <= 4999),
                () -> "RFC 6455 7.4: the client sent close code " + code + ", which may not appear on the wire");
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(p, 2, p.length - 2));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError("RFC 6455 5.5.1: the client's close reason is not valid UTF-8", e);
        }
    }

    /** The next frame must be a pong carrying {@code payload}. */
    @Override
    public void expectPong(byte[] payload) throws IOException {
        Frame f = readFrame();
        assertEquals(PONG, f.opcode(), () -> "expected a pong, got " + f);
        assertTrue(f.fin(), "control frames are never fragmented");
        assertEquals(0, f.rsv(), "RSV bits on a control frame");
        assertArrayEquals(payload, f.payload(), "RFC 6455 5.5.3: the pong must carry the ping's application data");
    }

    /**
     * The next data message (inflated when the client compressed it); any control frame before it
     * fails. A control frame between its fragments would fail too, although RFC 6455 5.4 allows one
     * there: this reader is stricter than the RFC in that, which holds for Bowline's client as it
     * writes each message in one go, and must be relaxed for a client that does interleave.
     */
    Message readMessage() throws IOException {
        return readMessage(readFrame());
    }

    /** The next data message, or a pong (returned as a message with opcode PONG): for cases where the two may interleave. */
    Message readMessageOrPong() throws IOException {
        Frame f = readFrame();
        return f.opcode() == PONG ? new Message(PONG, false, 1, f.payload()) : readMessage(f);
    }

    private Message readMessage(Frame first) throws IOException {
        assertTrue(first.opcode() == TEXT || first.opcode() == BINARY, () -> "expected a data message, got " + first
                + (first.opcode() == CLOSE && first.payload().length > 2
                ? " \"" + new String(first.payload(), 2, first.payload().length - 2, StandardCharsets.UTF_8) + "\"" : ""));
        boolean compressed = (first.rsv() & RSV1) != 0;
        if (compressed) {
            assertTrue(deflate != null, "RSV1 set but permessage-deflate was not agreed");
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream(Math.max(32, first.payload().length));
        payload.write(first.payload(), 0, first.payload().length);
        int frames = 1;
        Frame f = first;
        while (!f.fin()) {
            Frame next = readFrame();
            assertEquals(CONTINUATION, next.opcode(), () -> "expected a continuation frame, got " + next);
            assertEquals(0, next.rsv(), "RFC 7692 6.1: continuation frames carry no RSV bits");
            payload.write(next.payload(), 0, next.payload().length);
            frames++;
            f = next;
        }
        byte[] data = compressed ? deflate.inflateFromClient(payload.toByteArray()) : payload.toByteArray();
        return new Message(first.opcode(), compressed, frames, data);
    }

    /** The next message must be an echo of {@code payload} with {@code opcode}. */
    @Override
    public void expectEcho(int opcode, byte[] payload) throws IOException {
        readEcho(opcode, payload);
    }

    /** As {@link #expectEcho(int, byte[])}, returning the echo (to see whether it came compressed). */
    Message readEcho(int opcode, byte[] payload) throws IOException {
        Message m = readMessage();
        assertEquals(opcode, m.opcode(), "echo opcode (text echoed as text, binary as binary)");
        if (!Arrays.equals(payload, m.payload())) {
            fail("echo differs: sent " + payload.length + " bytes, got " + m.payload().length);
        }
        return m;
    }

    @Override
    public void expectEcho(String text) throws IOException {
        expectEcho(TEXT, utf8(text));
    }

    /**
     * The strict verdict for a connection the client must fail: its very next frame is a close with
     * {@code code} (so nothing that came after the bad input was echoed or answered), and then nothing
     * more; the client reports the same code to its endpoint.
     */
    @Override
    public void expectFailure(int code) throws IOException {
        replyToClientCloseAndFinish(expectClientClose(code));
    }

    /**
     * The client's very next frame is its own close with {@code code}; then the server closes TCP
     * without a close reply (for a server that is in no state to frame one), and the client must
     * close its end too.
     */
    void expectClientCloseThenDrop(int code) throws IOException {
        expectClientClose(code);
        finish();
    }

    /** As {@link #expectClientCloseThenDrop(int)}, the client's endpoint being told {@code reportedCode}. */
    void expectClientCloseThenDrop(int wireCode, int reportedCode) throws IOException {
        expectClientClose(wireCode);
        expectedClientCloseCode = reportedCode;
        finish();
    }

    private Frame expectClientClose(int code) throws IOException {
        clientInitiatedClose = true;
        Frame f = readFrame();
        assertEquals(CLOSE, f.opcode(), () -> "expected the client to fail with close " + code + ", got " + f);
        if (f.closeCode() != code) {
            fail("expected the client to fail with close " + code + ", it closed with " + f.closeCode() + " \""
                    + new String(f.payload(), 2, f.payload().length - 2, StandardCharsets.UTF_8) + "\"");
        }
        assertEquals(code, f.closeCode(), "close code");
        assertTrue(f.fin(), "control frames are never fragmented");
        expectedClientCloseCode = code;
        return f;
    }

    @Override
    public void closeNormally() throws IOException {
        closeNormally(1000);
    }

    /** The close reply without a code; the client's endpoint must be told 1005 (no status received). */
    @Override
    public void expectEmptyCloseReply() throws IOException {
        Frame f = readFrame();
        assertEquals(CLOSE, f.opcode(), () -> "expected a close reply, got " + f);
        assertArrayEquals(new byte[0], f.payload(), "a close without a code is answered without one (RFC 6455 5.5.1)");
        expectClientCloseCode(1005);
    }

    /** This server closes TCP first; the client must then close its end without another byte ({@link #finish()}). */
    @Override
    public void expectEnd() {
        finish();
    }

    /** The next frame is the client's close reply carrying {@code code}; the endpoint must see it too. */
    @Override
    public void expectCloseReply(int code) throws IOException {
        Frame f = readFrame();
        assertEquals(CLOSE, f.opcode(), () -> "expected a close reply " + code + ", got " + f);
        assertTrue(f.fin(), "control frames are never fragmented");
        assertEquals(code, f.closeCode(), "RFC 6455 5.5.1: the close reply echoes the status code");
        expectedClientCloseCode = code;
    }

    /** Answers the client's own close, as a server does, and closes TCP. */
    private void replyToClientCloseAndFinish(Frame clientClose) {
        try {
            byte[] payload = clientClose.payload().length < 2 ? new byte[0] : Arrays.copyOf(clientClose.payload(), 2);
            sendRaw(serverFrame(true, 0, CLOSE, payload));
        } catch (IOException clientAlreadyGone) {
            // the client may close TCP right after failing the connection
        }
        finish();
    }

    /**
     * The server's side of TCP closes (RFC 6455 7.1.1: the server closes first); the client must then
     * close its side without sending another byte.
     */
    void finish() {
        try {
            wire.shutdownOutput();
        } catch (IOException alreadyClosed) {
            // the client closed first; the read below sees it
        }
        expectEof();
    }

    /** The client must close TCP now, with no further bytes. */
    void expectEof() {
        if (clientEof) {
            return;
        }
        try {
            int b = in.read();
            assertEquals(-1, b, "the client sent bytes after its close frame");
        } catch (SocketTimeoutException e) {
            fail("the client did not close the TCP connection within " + REPLY_TIMEOUT_MILLIS + " ms");
        } catch (SocketException e) {
            // reset: the connection is gone, which is what was asked
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        clientEof = true;
    }

    /**
     * The client stays silent and closes TCP, but no sooner than {@code minMillis} after {@code sinceNanos}:
     * that it waited is proven by when the event that ends its wait arrives, not by watching it for a while.
     */
    void expectEofNoSoonerThan(long sinceNanos, long minMillis) {
        expectEof();
        long waited = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
        assertTrue(waited >= minMillis, "the client closed TCP " + waited + " ms after its close went out; it had to wait"
                + " at least " + minMillis + " ms for the server to close first");
    }

    @Override
    public void setTimeout(int millis) throws IOException {
        wire.setTimeout(millis);
    }

    /** Whether the client's TCP end was seen to close. */
    boolean clientClosedTcp() {
        return clientEof;
    }

    /** The close code the client's endpoint must have been given, or null when the case did not settle it. */
    Integer expectedClientCloseCode() {
        return expectedClientCloseCode;
    }

    /** Whether the case ended with a close the client started (a failure or a timeout), which it must explain. */
    boolean clientInitiatedClose() {
        return clientInitiatedClose;
    }

    /** For cases that end without a close handshake (e.g. the server drops TCP): what onClose must say. */
    void expectClientCloseCode(int code) {
        expectedClientCloseCode = code;
    }

    /**
     * The server closes TCP right after its close frame, without waiting for the reply: the client may
     * still get its close reply out (it must echo {@code code}) or see the end of the connection first;
     * either way nothing else may come, and its endpoint must learn of the server's code.
     */
    void finishAfterPossibleCloseReply(int code) throws IOException {
        wire.shutdownOutput();
        expectedClientCloseCode = code;
        try {
            int b0 = in.read();
            if (b0 < 0) {
                clientEof = true;
                return;
            }
            assertEquals(0x80 | CLOSE, b0, "only a close reply may follow the server's close");
            int b1 = in.readUnsignedByte();
            assertEquals(0x80 | 2, b1, "a masked close reply carrying just the code");
            int key = in.readInt();
            int echoed = in.readUnsignedShort() ^ (key >>> 16);
            assertEquals(code, echoed, "RFC 6455 5.5.1: the close reply echoes the status code");
            clientClosed = true;
        } catch (SocketTimeoutException e) {
            fail("the client neither replied nor closed TCP within " + REPLY_TIMEOUT_MILLIS + " ms");
        } catch (SocketException e) {
            clientEof = true;
            return;
        }
        expectEof();
    }

    /** Drops the connection at once with a TCP reset, without a close frame: nothing more can be read. */
    void dropAndExpectEof() throws IOException {
        wire.reset();
        clientEof = true; // the client's end is gone with the reset; onClose (checked by the family) tells the rest
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
