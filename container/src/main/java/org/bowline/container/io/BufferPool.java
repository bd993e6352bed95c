package org.bowline.container.io;

import java.nio.ByteBuffer;

/**
 * Direct buffers in power-of-two size classes, borrowed only while bytes are in flight so that an idle
 * connection holds none. Each class keeps at most a fixed number of free buffers; beyond that, released
 * buffers are left to the garbage collector.
 *
 * <p>Acquiring and releasing allocate nothing (each class is an array used as a stack under its own
 * monitor), because frames borrow a buffer for every message sent: a pool that allocated a queue node per
 * release would put back the garbage it exists to remove.
 */
public final class BufferPool {

    private static final int MIN_SHIFT = 9;    // 512 B: a small frame borrows little
    private static final int MAX_SHIFT = 22;   // 4 MiB; larger requests are not pooled

    /** Shared by all TLS connections in the JVM. */
    static final BufferPool SHARED = new BufferPool(64);

    /**
     * Outgoing frames of every session in the JVM. Each class may keep up to 8 MiB of free buffers (at most
     * 1,024 of them), so a burst of queued frames on many sessions does not turn into a direct allocation per
     * frame once it drains.
     */
    public static final BufferPool FRAMES = new BufferPool(shift -> Math.max(2, Math.min(1024, (8 << 20) >> shift)));

    /** The largest capacity {@link #acquire} takes from (and {@link #release} returns to) the pool. */
    public static final int MAX_POOLED = 1 << MAX_SHIFT;

    private final SizeClass[] classes = new SizeClass[MAX_SHIFT - MIN_SHIFT + 1];

    /** A pool keeping at most {@code maxPerClass} free buffers of each size class. */
    public BufferPool(int maxPerClass) {
        this(shift -> maxPerClass);
    }

    private BufferPool(java.util.function.IntUnaryOperator maxForShift) {
        for (int i = 0; i < classes.length; i++) {
            int max = maxForShift.applyAsInt(MIN_SHIFT + i);
            if (max < 0) {
                throw new IllegalArgumentException("negative pool size: " + max);
            }
            classes[i] = new SizeClass(max);
        }
    }

    /**
     * A cleared direct buffer of at least {@code minCapacity} bytes (a power of two up to {@link #MAX_POOLED};
     * exactly {@code minCapacity} above it).
     */
    public ByteBuffer acquire(int minCapacity) {
        if (minCapacity < 0) {
            throw new IllegalArgumentException("negative capacity: " + minCapacity);
        }
        int shift = shiftFor(minCapacity);
        if (shift > MAX_SHIFT) {
            return ByteBuffer.allocateDirect(minCapacity);
        }
        ByteBuffer b = classes[shift - MIN_SHIFT].pop();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(1 << shift);
    }

    /**
     * Returns a buffer obtained from {@link #acquire} (null is ignored); the caller must not use it
     * afterwards. Buffers that did not come from a pool (heap, odd sizes) are left to the garbage collector.
     */
    public void release(ByteBuffer buffer) {
        if (buffer == null) {
            return;
        }
        int cap = buffer.capacity();
        if (Integer.bitCount(cap) != 1 || !buffer.isDirect() || buffer.isReadOnly()) {
            return;
        }
        int shift = Integer.numberOfTrailingZeros(cap);
        if (shift < MIN_SHIFT || shift > MAX_SHIFT) {
            return;
        }
        classes[shift - MIN_SHIFT].push(buffer);
    }

    /** Free buffers currently held in the size class that serves {@code capacity} (tests, diagnostics). */
    public int freeCount(int capacity) {
        int shift = shiftFor(capacity);
        return shift > MAX_SHIFT ? 0 : classes[shift - MIN_SHIFT].size();
    }

    private static int shiftFor(int capacity) {
        if (capacity <= 1 << MIN_SHIFT) {
            return MIN_SHIFT;
        }
        return 32 - Integer.numberOfLeadingZeros(capacity - 1);
    }

    /** One size class: a bounded stack, so the most recently used (cache-warm) buffer goes out first. */
    private static final class SizeClass {
        private final ByteBuffer[] free;
        private int size;

        SizeClass(int max) {
            this.free = new ByteBuffer[max];
        }

        synchronized ByteBuffer pop() {
            if (size == 0) {
                return null;
            }
            ByteBuffer b = free[--size];
            free[size] = null;
            return b;
        }

        synchronized void push(ByteBuffer b) {
            if (size < free.length) {
                free[size++] = b;
            }
        }

        synchronized int size() {
            return size;
        }
    }
}
