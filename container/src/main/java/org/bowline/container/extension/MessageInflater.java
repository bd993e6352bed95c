package org.bowline.container.extension;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.bowline.container.frame.CloseCodes;
import org.bowline.container.frame.ProtocolException;

/**
 * Decompresses the peer's messages for permessage-deflate (RFC 7692 section 7.2.2). One
 * instance per connection; not thread-safe (frames of a connection are read one at a time).
 *
 * <p>Output is streamed through one small reusable array, so memory stays bounded whatever the
 * compression ratio, and the size limit is enforced chunk by chunk: a decompression bomb fails
 * after at most {@code limit + 8 KiB} of inflation work, never after allocating the message.
 * With context takeover the zlib context and the chunk array live as long as this object;
 * without it both are released at the end of every message.
 */
public final class MessageInflater implements AutoCloseable {

    /** Large enough to keep per-chunk overhead low, small enough to keep per connection. */
    static final int CHUNK_SIZE = 8 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final boolean contextTakeover;
    private final long maxInflatedMessageBytes;
    private Inflater inflater;
    private byte[] chunk;
    private ByteBuffer chunkView;
    private long messageInflated;
    private boolean messageHasInput;
    private boolean closed;

    MessageInflater(boolean contextTakeover, long maxInflatedMessageBytes) {
        if (maxInflatedMessageBytes < 0) {
            throw new IllegalArgumentException("maxInflatedMessageBytes < 0: " + maxInflatedMessageBytes);
        }
        this.contextTakeover = contextTakeover;
        this.maxInflatedMessageBytes = maxInflatedMessageBytes;
    }

    /** Whether this inflater keeps the peer's context across messages. */
    public boolean contextTakeover() {
        return contextTakeover;
    }

    /**
     * Streams the inflated bytes of one compressed frame payload to sink in bounded chunks (a
     * small reusable output array, not the whole message). Fails with ProtocolException(1009) as
     * soon as the message's inflated size exceeds the limit (decompression bombs: a small frame
     * must never allocate gigabytes), and ProtocolException(1007) when the data is not valid
     * deflate. Consumes {@code compressed}.
     */
    public void inflate(ByteBuffer compressed, InflateSink sink) throws ProtocolException {
        ensureOpen();
        if (!compressed.hasRemaining()) {
            return;
        }
        messageHasInput = true;
        Inflater in = inflater();
        if (in.finished()) {
            // The sender ended the deflate stream with a BFINAL block (RFC 7692 7.2.3.4); what
            // follows in this message is padding for the appended tail and carries no data.
            compressed.position(compressed.limit());
            return;
        }
        in.setInput(compressed);
        try {
            drain(in, sink);
        } finally {
            in.setInput(EMPTY); // do not keep a (possibly pooled) frame buffer reachable
        }
        compressed.position(compressed.limit());
    }

    /**
     * End of message: feeds the 00 00 ff ff tail, flushes remaining output to sink; resets the
     * context when the peer's direction has no context takeover.
     */
    public void endMessage(InflateSink sink) throws ProtocolException {
        ensureOpen();
        try {
            // A message whose compressed payload is empty carries no data: some peers send an
            // empty message that way, and feeding the tail alone would leave zlib mid-block.
            if (messageHasInput && !inflater.finished()) {
                inflater.setInput(TAIL);
                drain(inflater, sink);
                inflater.setInput(EMPTY);
            }
            if (inflater != null && (!contextTakeover || inflater.finished())) {
                release();
            }
        } finally {
            messageInflated = 0;
            messageHasInput = false;
        }
    }

    /**
     * Starts counting the inflated size afresh. A receiver that streams a message to the
     * application instead of buffering it calls this at each frame, so the limit bounds what one
     * frame may inflate to (the bomb guard: a frame's inflation cannot be paused) rather than the
     * length of the message.
     */
    public void resetInflatedCount() {
        messageInflated = 0;
    }

    private void drain(Inflater in, InflateSink sink) throws ProtocolException {
        if (chunk == null) {
            chunk = new byte[CHUNK_SIZE];
            chunkView = ByteBuffer.wrap(chunk);
        }
        while (true) {
            int n;
            try {
                n = in.inflate(chunk);
            } catch (DataFormatException e) {
                throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "Invalid deflate data: " + e.getMessage());
            }
            if (n > 0) {
                messageInflated += n;
                if (messageInflated > maxInflatedMessageBytes) {
                    throw new ProtocolException(CloseCodes.TOO_BIG,
                            "Inflated message exceeds " + maxInflatedMessageBytes + " bytes");
                }
                chunkView.clear().limit(n);
                sink.onInflated(chunkView);
                continue;
            }
            if (in.needsDictionary()) {
                throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "Invalid deflate data: preset dictionary");
            }
            // n == 0 with output space left: zlib consumed all input, or the stream ended
            return;
        }
    }

    private Inflater inflater() {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        return inflater;
    }

    /** Drops the context and the chunk together: idle connections without takeover hold neither. */
    private void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
        chunk = null;
        chunkView = null;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("inflater closed");
        }
    }

    /** Frees the native zlib memory. Idempotent. */
    @Override
    public void close() {
        closed = true;
        release();
    }
}
