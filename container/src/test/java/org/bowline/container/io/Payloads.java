package org.bowline.container.io;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Test data and write helpers. */
final class Payloads {

    private Payloads() {}

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code data} in {@code chunk}-sized writes; the future completes when the last callback does. */
    static CompletableFuture<Void> writeChunked(Connection c, byte[] data, int chunk) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (data.length == 0) {
            c.write(new ByteBuffer[] {ByteBuffer.allocate(0)}, callback(done));
            return done;
        }
        for (int off = 0; off < data.length; off += chunk) {
            int n = Math.min(chunk, data.length - off);
            boolean last = off + n == data.length;
            c.write(new ByteBuffer[] {ByteBuffer.wrap(data, off, n)}, last ? callback(done) : failOnly(done));
        }
        return done;
    }

    static WriteCallback callback(CompletableFuture<Void> f) {
        return new WriteCallback() {
            @Override
            public void completed() {
                f.complete(null);
            }

            @Override
            public void failed(java.io.IOException cause) {
                f.completeExceptionally(cause);
            }
        };
    }

    static WriteCallback failOnly(CompletableFuture<Void> f) {
        return new WriteCallback() {
            @Override
            public void completed() {}

            @Override
            public void failed(java.io.IOException cause) {
                f.completeExceptionally(cause);
            }
        };
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(RecordingHandler.WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
