package org.bowline.container.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The test's end of one connection to the Bowline endpoint under test, whichever role Bowline plays:
 * a client when Bowline is the server ({@code server.conformance.WireClientPeer}), a server when it is
 * the client ({@code client.conformance.WireServer}). Frames are masked as the peer's role requires;
 * every expectation is as strict in both roles (exact frames, exact close codes).
 */
public interface Peer {

    int CONTINUATION = 0x0;
    int TEXT = 0x1;
    int BINARY = 0x2;
    int CLOSE = 0x8;
    int PING = 0x9;
    int PONG = 0xA;
    int RSV1 = 0x40;
    int RSV2 = 0x20;
    int RSV3 = 0x10;

    /** A frame as Bowline sent it (unmasked). */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        /** A close frame's code, or 1005 (none) when its payload has none. */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", rsv=0x" + Integer.toHexString(rsv) + ", opcode=" + opcode
                    + ", length=" + payload.length + (opcode == CLOSE ? ", code=" + closeCode() : "") + "]";
        }
    }

    /** The next frame Bowline sent, held to the role's wire rules (masking, minimal lengths). */
    Frame readFrame() throws IOException;

    /** How long reads wait for Bowline before the case fails. */
    void setTimeout(int millis) throws IOException;

    /** The bytes of one frame as this peer sends it (masked when the peer is a client). */
    byte[] frame(boolean fin, int rsv, int opcode, byte[] payload);

    /** The header (and mask key, when the peer masks) of a frame announcing {@code length} bytes never sent. */
    byte[] header(boolean fin, int rsv, int opcode, long length);

    void sendRaw(byte[] bytes) throws IOException;

    /** Sends raw bytes in pieces of {@code chunk} bytes, each let to arrive by itself ({@link #settle}). */
    void sendChopped(byte[] bytes, int chunk, long pauseMillis) throws InterruptedException;

    void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException;

    /**
     * Lets what was sent so far reach Bowline by itself, so that what follows comes in a later read: over
     * TCP a pause of {@code pauseMillis}, in memory until Bowline has read every byte ({@link Wire#settle}).
     */
    void settle(long pauseMillis) throws InterruptedException;

    default void send(int opcode, byte[] payload) throws IOException {
        send(true, 0, opcode, payload);
    }

    default void sendText(String text) throws IOException {
        send(TEXT, utf8(text));
    }

    /** Sends one message split into frames of at most {@code fragment} bytes. */
    void sendFragmented(int opcode, byte[] payload, int fragment) throws IOException;

    /** The next message is {@code payload} as {@code opcode}, uncompressed unless negotiated. */
    void expectEcho(int opcode, byte[] payload) throws IOException;

    void expectEcho(String text) throws IOException;

    /** The next frame is a pong carrying {@code payload}. */
    void expectPong(byte[] payload) throws IOException;

    /** Bowline fails the connection: a close frame with {@code code}, then its TCP close. */
    void expectFailure(int code) throws IOException;

    /** The peer starts a normal close (1000) and holds Bowline to a correct reply and TCP close. */
    void closeNormally() throws IOException;

    /** The peer closes with {@code code}: Bowline's very next frame echoes it, then the connection ends. */
    default void closeNormally(int code) throws IOException {
        send(CLOSE, closePayload(code, new byte[0]));
        expectCloseReply(code);
        expectEnd();
    }

    /**
     * One message's payload compressed as this peer's side of the agreed permessage-deflate (RFC 7692
     * 7.2.1: sync flush, tail removed), keeping or dropping its context as agreed.
     *
     * @throws IllegalStateException when permessage-deflate was not agreed on this connection
     */
    byte[] compress(byte[] message);

    /**
     * The next message is the echo of {@code message}, compressed (a side that agreed to the extension and
     * never used it would pass the context and window checks untested) and decoding with exactly the
     * context and window that were agreed.
     */
    void expectCompressedEcho(int opcode, byte[] message) throws IOException;

    /** Bowline's very next frame is its close reply carrying {@code code} (RFC 6455 5.5.1); nothing else is read. */
    void expectCloseReply(int code) throws IOException;

    /** Bowline's very next frame is a close without payload, the reply to a close without a code (RFC 6455 5.5.1). */
    void expectEmptyCloseReply() throws IOException;

    /**
     * After the close frames the TCP connection ends as the role requires (RFC 6455 7.1.1): Bowline as
     * the server closes it at once; Bowline as the client closes its end once the peer (the server) did.
     * Either way not one more byte may come.
     */
    void expectEnd() throws IOException;

    /** Several frames back to back, to go out in ONE write. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p, 0, p.length);
        }
        return all.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A close frame's payload: the code, then the reason bytes (which may be invalid on purpose). */
    static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    /** A frame header; with {@code maskKey} non-null, the mask bit set and the key after the length. */
    static byte[] header(boolean fin, int rsv, int opcode, long length, byte[] maskKey) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(14);
        int mask = maskKey == null ? 0 : 0x80;
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
        if (maskKey != null) {
            f.write(maskKey, 0, 4);
        }
        return f.toByteArray();
    }
}
