package org.bowline.container.io;

/**
 * Backpressure thresholds on a connection's queued outbound bytes: once {@link Connection#queuedBytes()}
 * exceeds {@code high}, the handler's {@code onWritable} fires when the queue next drains to {@code low} or
 * less. The connection itself never refuses a write; the engine reads {@code queuedBytes()} and decides.
 *
 * @param low  drained-enough level, {@code >= 0}
 * @param high level above which the connection counts as congested, {@code >= low}
 */
public record WriteWaterMarks(long low, long high) {

    /** 32 KiB / 64 KiB: a few socket buffers' worth, so a congested peer costs little memory. */
    public static final WriteWaterMarks DEFAULT = new WriteWaterMarks(32 * 1024, 64 * 1024);

    public WriteWaterMarks {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("need 0 <= low <= high, got low=" + low + " high=" + high);
        }
    }
}
