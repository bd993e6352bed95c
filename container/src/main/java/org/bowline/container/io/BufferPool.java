package org.bowline.container.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers in power-of-two size classes, borrowed only while bytes are in flight so that an idle
 * connection holds none. Each class keeps at most {@code maxPerClass} free buffers; beyond that, released
 * buffers are left to the garbage collector.
 */
final class BufferPool {

    /** Shared by all TLS connections in the JVM. */
    static final BufferPool SHARED = new BufferPool(64);

    private static final int MIN_SHIFT = 12;   // 4 KiB
    private static final int MAX_SHIFT = 22;   // 4 MiB; larger requests are not pooled

    private final int maxPerClass;
    private final List<ConcurrentLinkedQueue<ByteBuffer>> free;
    private final AtomicInteger[] freeCount;

    BufferPool(int maxPerClass) {
        this.maxPerClass = maxPerClass;
        int classes = MAX_SHIFT - MIN_SHIFT + 1;
        this.free = new ArrayList<>(classes);
        this.freeCount = new AtomicInteger[classes];
        for (int i = 0; i < classes; i++) {
            free.add(new ConcurrentLinkedQueue<>());
            freeCount[i] = new AtomicInteger();
        }
    }

    /** A cleared buffer of at least {@code minCapacity} bytes. */
    ByteBuffer acquire(int minCapacity) {
        int shift = shiftFor(minCapacity);
        if (shift > MAX_SHIFT) {
            return ByteBuffer.allocateDirect(minCapacity);
        }
        int i = shift - MIN_SHIFT;
        ByteBuffer b = free.get(i).poll();
        if (b == null) {
            return ByteBuffer.allocateDirect(1 << shift);
        }
        freeCount[i].decrementAndGet();
        return b.clear();
    }

    /** Returns a buffer obtained from {@link #acquire}; the caller must not use it afterwards. */
    void release(ByteBuffer buffer) {
        if (buffer == null) {
            return;
        }
        int cap = buffer.capacity();
        if (Integer.bitCount(cap) != 1 || !buffer.isDirect()) {
            return;
        }
        int shift = Integer.numberOfTrailingZeros(cap);
        if (shift < MIN_SHIFT || shift > MAX_SHIFT) {
            return;
        }
        int i = shift - MIN_SHIFT;
        if (freeCount[i].incrementAndGet() > maxPerClass) {
            freeCount[i].decrementAndGet();
            return;
        }
        free.get(i).offer(buffer.clear());
    }

    private static int shiftFor(int capacity) {
        if (capacity <= 1 << MIN_SHIFT) {
            return MIN_SHIFT;
        }
        return 32 - Integer.numberOfLeadingZeros(capacity - 1);
    }
}
