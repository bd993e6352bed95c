package org.bowline.container.extension;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.bowline.container.frame.ProtocolException;

/** Shared helpers for the compression tests. */
final class DeflateTestSupport {

    static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private DeflateTestSupport() {
    }

    static DeflateAgreement agree(String offer) {
        return PerMessageDeflate.negotiateServer(ExtensionHeader.parse(List.of(offer))).orElseThrow();
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Compressible but not trivial text: words from a small vocabulary. */
    static byte[] text(long seed, int size) {
        String[] words = {"websocket", "frame", "deflate", "window", "context", "takeover", "message", "bowline",
            "the", "a", "of", "and", "\n", "{\"id\":", "}", "12345"};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[r.nextInt(words.length)]).append(' ');
        }
        return sb.substring(0, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Inflates one whole compressed message (tail already appended) with a fresh JDK Inflater. */
    static byte[] inflateFresh(byte[] payloadWithTail) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(payloadWithTail);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (true) {
                int n = inflater.inflate(buf);
                if (n == 0) {
                    if (inflater.needsInput() || inflater.finished()) {
                        return out.toByteArray();
                    }
                    throw new DataFormatException("no progress");
                }
                out.write(buf, 0, n);
            }
        } finally {
            inflater.end();
        }
    }

    /** Collects inflated output and remembers the largest chunk it was handed. */
    static final class Collector implements InflateSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int largestChunk;

        @Override
        public void onInflated(ByteBuffer chunk) throws ProtocolException {
            largestChunk = Math.max(largestChunk, chunk.remaining());
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            out.writeBytes(b);
        }

        byte[] take() {
            byte[] b = out.toByteArray();
            out.reset();
            return b;
        }
    }

    /** Inflates one message given as its frame payloads. */
    static byte[] inflateMessage(MessageInflater inflater, byte[]... framePayloads) throws ProtocolException {
        Collector c = new Collector();
        for (byte[] p : framePayloads) {
            inflater.inflate(ByteBuffer.wrap(p), c);
        }
        inflater.endMessage(c);
        return c.take();
    }
}
