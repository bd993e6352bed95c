package org.bowline.benchmarks.load;

/** A growable FIFO of longs (send timestamps): echoes come back in order, so the head is the oldest. */
final class LongRing {

    private long[] values;
    private int head;
    private int size;

    LongRing(int capacity) {
        values = new long[Math.max(2, Integer.highestOneBit(capacity - 1) << 1)];
    }

    void add(long value) {
        if (size == values.length) {
            long[] grown = new long[values.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = values[(head + i) & (values.length - 1)];
            }
            values = grown;
            head = 0;
        }
        values[(head + size++) & (values.length - 1)] = value;
    }

    long poll() {
        if (size == 0) {
            throw new IllegalStateException("a message came back that was never sent");
        }
        long value = values[head];
        head = (head + 1) & (values.length - 1);
        size--;
        return value;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}
