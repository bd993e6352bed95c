package org.bowline.container.client.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.bowline.container.server.conformance.DeflateProbe;

/**
 * The fuzzing server's half of permessage-deflate (RFC 7692), with the parameters its 101 agreed:
 * it compresses what it sends (keeping or dropping its context as agreed) and decodes what the
 * client sends twice, with the JDK's inflater and with {@link DeflateProbe}, so a client that keeps
 * context it promised to drop, or reaches further back than the agreed window, fails the case.
 */
final class ServerDeflate implements AutoCloseable {

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final boolean serverContextTakeover;
    private final boolean clientContextTakeover;
    private final int clientWindowBits;
    private final Deflater deflater;
    private final DeflateProbe probe = new DeflateProbe();
    private Inflater inflater = new Inflater(true);
    private int clientMessages;

    /**
     * @param serverNoContextTakeover the 101 said server_no_context_takeover: reset before each message sent
     * @param clientNoContextTakeover the 101 said client_no_context_takeover: each client message must decode alone
     * @param clientWindowBits        the client's agreed LZ77 window (client_max_window_bits, 15 when not limited)
     * @param serverWindowBits        our window; below 15 we compress without back-references (the JDK's
     *                                deflater cannot shrink its window), which honours any window
     */
    ServerDeflate(boolean serverNoContextTakeover, boolean clientNoContextTakeover, int clientWindowBits,
                  int serverWindowBits) {
        this.serverContextTakeover = !serverNoContextTakeover;
        this.clientContextTakeover = !clientNoContextTakeover;
        this.clientWindowBits = clientWindowBits;
        this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        if (serverWindowBits < 15) {
            deflater.setStrategy(Deflater.HUFFMAN_ONLY);
            // the JDK applies a new strategy on the next deflate call, flushing there: make that call now
            deflater.setInput(new byte[0]);
            deflater.deflate(new byte[16], 0, 16, Deflater.NO_FLUSH);
        }
    }

    /** One message's compressed payload: SYNC_FLUSH output with its 00 00 ff ff tail removed (RFC 7692 7.2.1). */
    byte[] compress(byte[] message) {
        if (!serverContextTakeover) {
            deflater.reset();
        }
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        byte[] buf = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        if (out.size() == 0) {
            // zlib makes no second flush marker without new input: an empty stored block says the same
            return new byte[] {0};
        }
        byte[] withTail = out.toByteArray();
        assertTrue(withTail.length >= 4 && Arrays.equals(TAIL, Arrays.copyOfRange(withTail, withTail.length - 4, withTail.length)),
                "a sync flush ends in 00 00 ff ff");
        return Arrays.copyOf(withTail, withTail.length - 4);
    }

    /**
     * One message compressed as a complete DEFLATE stream ending in a BFINAL block, as RFC 7692
     * 7.2.3.3 allows; only meaningful without server context takeover, as nothing can follow it.
     */
    static byte[] compressFinal(byte[] message) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(message);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Decodes one client message (tail re-appended) both ways; they must agree and honour the agreement. */
    byte[] inflateFromClient(byte[] payload) {
        clientMessages++;
        if (!clientContextTakeover) {
            inflater.end();
            inflater = new Inflater(true);
            probe.reset();
        }
        byte[] jdk;
        try {
            inflater.setInput(concat(payload, TAIL));
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4 + 64);
            byte[] buf = new byte[64 * 1024];
            while (true) {
                int n = inflater.inflate(buf);
                if (n == 0) {
                    break;
                }
                out.write(buf, 0, n);
            }
            assertEquals(0, inflater.getRemaining(), "client message " + clientMessages + " has bytes after its DEFLATE data");
            jdk = out.toByteArray();
        } catch (DataFormatException e) {
            throw new AssertionError("client message " + clientMessages + " is not valid DEFLATE"
                    + (clientContextTakeover ? "" : " on its own (client_no_context_takeover was agreed)") + ": " + e.getMessage(), e);
        }
        byte[] own;
        try {
            own = probe.inflateMessage(payload);
        } catch (IllegalStateException e) {
            throw new AssertionError("client message " + clientMessages + " does not decode with the agreed context"
                    + (clientContextTakeover ? "" : " (client_no_context_takeover: it may not refer to earlier messages)")
                    + ": " + e.getMessage(), e);
        }
        assertArrayEquals(jdk, own, "the two decoders disagree");
        assertTrue(probe.maxDistance() <= 1 << clientWindowBits, "RFC 7692 7.1.2.2: client used a back-reference of "
                + probe.maxDistance() + " bytes beyond its agreed window of 2^" + clientWindowBits);
        return jdk;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
