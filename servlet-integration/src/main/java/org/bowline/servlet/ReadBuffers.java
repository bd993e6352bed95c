package org.bowline.servlet;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Heap arrays for reading from and copying into servlet streams (which take {@code byte[]} only),
 * borrowed for one read or write burst so that an idle connection holds none.
 */
final class ReadBuffers {

    static final int SIZE = 16 * 1024;
    private static final int MAX_FREE = 64;

    private static final ConcurrentLinkedQueue<byte[]> FREE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger FREE_COUNT = new AtomicInteger();

    private ReadBuffers() {
    }

    static byte[] acquire() {
        byte[] array = FREE.poll();
        if (array == null) {
            return new byte[SIZE];
        }
        FREE_COUNT.decrementAndGet();
        return array;
    }

    /** Gives back an array from {@link #acquire}; the caller must not use it afterwards. Null is ignored. */
    static void release(byte[] array) {
        if (array == null || array.length != SIZE) {
            return;
        }
        if (FREE_COUNT.incrementAndGet() > MAX_FREE) {
            FREE_COUNT.decrementAndGet();
            return;
        }
        FREE.offer(array);
    }
}
