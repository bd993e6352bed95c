package org.bowline.container.frame;

import java.security.SecureRandom;

/**
 * Source of client masking keys. RFC 6455 section 10.3 wants each key unpredictable, so keys come
 * from a {@link SecureRandom}; to avoid a call into it for every frame, 64 keys are drawn at once
 * into a block and handed out in turn.
 *
 * <p>Thread-safe: one instance may be shared by all connections of a container (a short
 * synchronized section per key); a per-connection instance avoids even that contention.
 */
public final class MaskKeys {

    private static final int BLOCK_BYTES = 256;
    private static final SecureRandom SHARED_SOURCE = new SecureRandom();

    private final SecureRandom source;
    private final byte[] block = new byte[BLOCK_BYTES];
    private int next = BLOCK_BYTES;

    /** Keys drawn from a process-wide {@link SecureRandom} (which is itself thread-safe). */
    public MaskKeys() {
        this(SHARED_SOURCE);
    }

    MaskKeys(SecureRandom source) {
        this.source = source;
    }

    /** The next masking key (big-endian: byte 0 of the key is {@code key >>> 24}). */
    public synchronized int next() {
        if (next == BLOCK_BYTES) {
            source.nextBytes(block);
            next = 0;
        }
        int i = next;
        next = i + 4;
        return (block[i] & 0xFF) << 24 | (block[i + 1] & 0xFF) << 16 | (block[i + 2] & 0xFF) << 8
                | (block[i + 3] & 0xFF);
    }
}
