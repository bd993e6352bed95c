package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Test handler: records every byte, the close and onWritable calls; can echo or throw on demand. */
class RecordingHandler implements ConnectionHandler {

    static final long WAIT_SECONDS = 60;

    /** Waits up to {@link #WAIT_SECONDS} for {@code condition}; fails with {@code failure} if it never holds. */
    static void awaitTrue(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, failure);
            LockSupport.parkNanos(100_000);
        }
    }

    private byte[] bytes = new byte[1024];
    private int size;
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger closeCalls = new AtomicInteger();
    final AtomicInteger writableCalls = new AtomicInteger();
    final AtomicInteger dataCalls = new AtomicInteger();
    volatile IOException closeCause;
    volatile Connection echoTo;

    @Override
    public void onData(ByteBuffer data) {
        dataCalls.incrementAndGet();
        Connection echo = echoTo;
        if (echo != null) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data.duplicate()).flip();
            echo.write(new ByteBuffer[] {copy}, null);
        }
        synchronized (this) {
            int n = data.remaining();
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            data.get(bytes, size, n);
            size += n;
            notifyAll();
        }
    }

    @Override
    public void onClosed(IOException cause) {
        closeCause = cause;
        closeCalls.incrementAndGet();
        closed.countDown();
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void onWritable() {
        writableCalls.incrementAndGet();
    }

    synchronized int size() {
        return size;
    }

    synchronized byte[] bytes() {
        return Arrays.copyOf(bytes, size);
    }

    /** Waits until at least {@code n} bytes arrived; fails the test on timeout or early close. */
    synchronized byte[] awaitBytes(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (size < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out with " + size + " of " + n + " bytes");
            }
            if (closed.getCount() == 0 && size < n) {
                throw new AssertionError("closed (" + closeCause + ") with " + size + " of " + n + " bytes");
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return Arrays.copyOf(bytes, size);
    }

    void awaitClosed() throws InterruptedException {
        if (!closed.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("onClosed was not called");
        }
    }
}
