package org.bowline.container.extension;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses outbound messages for permessage-deflate (RFC 7692 section 7.2.1). One instance
 * per connection; not thread-safe (the session sends one frame at a time).
 *
 * <p>With context takeover the zlib context lives as long as this object, since the next
 * message may refer back to this one. Without it the context is released after each message and
 * created again for the next, so an idle connection holds no native compression memory.
 */
public final class MessageDeflater implements AutoCloseable {

    private static final byte[] EMPTY = new byte[0];
    private static final int MIN_OUTPUT = 64;
    private static final int MAX_INITIAL_OUTPUT = 64 * 1024;

    private final boolean contextTakeover;
    private final boolean huffmanOnly;
    private Deflater deflater;
    private boolean closed;

    /**
     * @param contextTakeover whether our direction keeps its LZ77 window across messages
     * @param huffmanOnly     whether the negotiated window is below the JDK's fixed 32 KiB: then no
     *                        back-references are emitted at all, which honours any window size
     */
    MessageDeflater(boolean contextTakeover, boolean huffmanOnly) {
        this.contextTakeover = contextTakeover;
        this.huffmanOnly = huffmanOnly;
    }

    /** Whether this deflater keeps its context across messages. */
    public boolean contextTakeover() {
        return contextTakeover;
    }

    /** Whether output has no back-references because our window was negotiated below 15 bits. */
    public boolean huffmanOnly() {
        return huffmanOnly;
    }

    /**
     * Compresses one fragment of an outbound message (the whole message when last and it is
     * the first call). Returns a NEW heap ByteBuffer (owned by the caller, position 0) holding
     * exactly this fragment's frame payload. Uses SYNC_FLUSH; on the last fragment the trailing
     * 00 00 ff ff is removed (RFC 7692 7.2.1), and without context takeover for our direction
     * the context is reset afterwards. Empty input is valid. Consumes {@code input}.
     */
    public ByteBuffer deflate(ByteBuffer input, boolean last) {
        if (closed) {
            throw new IllegalStateException("deflater closed");
        }
        Deflater d = deflater();
        int inputSize = input.remaining();
        byte[] out = new byte[Math.max(MIN_OUTPUT, Math.min(inputSize + inputSize / 16 + MIN_OUTPUT, MAX_INITIAL_OUTPUT))];
        int length = 0;
        d.setInput(input);
        try {
            int idleCalls = 0;
            while (true) {
                long readBefore = d.getBytesRead();
                int n = d.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
                length += n;
                // SYNC_FLUSH has flushed everything once it leaves output space unused
                if (length < out.length) {
                    if (d.needsInput()) {
                        break;
                    }
                    // a pending setStrategy is applied by one call that may consume nothing
                    if (n == 0 && d.getBytesRead() == readBefore && ++idleCalls > 2) {
                        throw new IllegalStateException("deflater made no progress");
                    }
                }
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
            }
        } finally {
            d.setInput(EMPTY); // do not keep the caller's buffer reachable
        }
        if (last) {
            length = removeTail(out, length);
            if (!contextTakeover) {
                release();
            }
        }
        return ByteBuffer.wrap(length == out.length ? out : Arrays.copyOf(out, length));
    }

    /**
     * RFC 7692 7.2.1: the payload ends in an empty stored block whose last 4 octets are dropped.
     * zlib writes nothing for a flush with no new input after an earlier flush; the stream is
     * then byte-aligned and the empty stored block is appended by hand, leaving the single 0x00.
     */
    private static int removeTail(byte[] out, int length) {
        if (length == 0) {
            out[0] = 0;
            return 1;
        }
        if (length < 4 || out[length - 4] != 0 || out[length - 3] != 0
                || out[length - 2] != (byte) 0xff || out[length - 1] != (byte) 0xff) {
            throw new IllegalStateException("SYNC_FLUSH output does not end in an empty stored block");
        }
        return length - 4;
    }

    private Deflater deflater() {
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            if (huffmanOnly) {
                deflater.setStrategy(Deflater.HUFFMAN_ONLY);
            }
        }
        return deflater;
    }

    private void release() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }

    /** Frees the native zlib memory. Idempotent. */
    @Override
    public void close() {
        closed = true;
        release();
    }
}
