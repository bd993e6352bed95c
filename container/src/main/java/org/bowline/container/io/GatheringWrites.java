package org.bowline.container.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * Gathered writes of caller-owned buffers straight to a channel.
 *
 * <p>The JDK copies heap buffers into a per-thread temporary direct buffer as large as the bytes passed, and
 * caches it; a single 16 MiB heap write would pin 16 MiB of native memory on that thread for good. So heap
 * bytes are offered at most {@link #HEAP_BYTES_PER_CALL} per system call; direct buffers go as they are.
 */
final class GatheringWrites {

    static final int HEAP_BYTES_PER_CALL = 256 * 1024;

    private GatheringWrites() {}

    /**
     * Writes from {@code buffers[offset..]} until they are empty or the channel accepts no more.
     *
     * @return the bytes written
     */
    static long write(GatheringByteChannel channel, ByteBuffer[] buffers, int offset) throws IOException {
        return write(channel, buffers, offset, buffers.length);
    }

    /** As {@link #write(GatheringByteChannel, ByteBuffer[], int)}, from {@code buffers[offset..end)} only. */
    static long write(GatheringByteChannel channel, ByteBuffer[] buffers, int offset, int end) throws IOException {
        long total = 0;
        while (true) {
            while (offset < end && !buffers[offset].hasRemaining()) {
                offset++;
            }
            if (offset == end) {
                return total;
            }
            long heap = 0;
            long batch = 0;
            int capped = -1;
            int savedLimit = 0;
            int i = offset;
            for (; i < end; i++) {
                ByteBuffer b = buffers[i];
                int r = b.remaining();
                if (!b.isDirect()) {
                    if (heap + r > HEAP_BYTES_PER_CALL) {
                        int allowed = (int) (HEAP_BYTES_PER_CALL - heap);
                        capped = i;
                        savedLimit = b.limit();
                        b.limit(b.position() + allowed);
                        batch += allowed;
                        i++;
                        break;
                    }
                    heap += r;
                }
                batch += r;
            }
            long written;
            try {
                written = channel.write(buffers, offset, i - offset);
            } finally {
                if (capped >= 0) {
                    buffers[capped].limit(savedLimit);
                }
            }
            total += written;
            if (written < batch) {
                return total;   // the socket buffer is full
            }
        }
    }
}
