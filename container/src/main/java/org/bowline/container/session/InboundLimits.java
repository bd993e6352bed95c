package org.bowline.container.session;

import org.bowline.container.frame.FrameLimits;

/**
 * The inbound limits of one session, in the one place they live: the session's setters write
 * them, and the frame parser (frame size, at each header), the assembler (message size and frames
 * per message, as a message arrives) and the dispatcher (message size, for a whole-message handler
 * of a streamed message) read them. Nobody holds a copy, so a setter takes effect everywhere at
 * once: from the next frame header or message on.
 *
 * <p>Written by application threads, read by the I/O thread and the session's executor: each value
 * is volatile, and none depends on another's being read at the same moment.
 */
final class InboundLimits implements FrameLimits {

    private volatile int maxText;
    private volatile int maxBinary;
    /** {@link SessionLimits#FRAME_FOLLOWS_MESSAGES} while the frame limit follows the message limits. */
    private volatile long fixedFramePayload;
    private volatile long maxFragments;
    /**
     * What a following frame limit never drops below: the larger message limit the session opened
     * with, so lowering a buffer size in onOpen does not shrink the frames a streaming handler takes.
     */
    private final long followingFloor;

    InboundLimits(SessionLimits limits) {
        this.followingFloor = Math.max(limits.maxTextMessageBytes(), limits.maxBinaryMessageBytes());
        this.maxText = clampToInt(limits.maxTextMessageBytes());
        this.maxBinary = clampToInt(limits.maxBinaryMessageBytes());
        this.fixedFramePayload = limits.maxFramePayload();
        this.maxFragments = limits.maxFragmentsPerMessage();
    }

    /** A fixed frame limit when one was set, or else as much as a whole message may carry. */
    @Override
    public long maxFramePayload() {
        long fixed = fixedFramePayload;
        return fixed != SessionLimits.FRAME_FOLLOWS_MESSAGES ? fixed
                : Math.max(followingFloor, Math.max(maxText, maxBinary));
    }

    int maxTextMessageBytes() {
        return maxText;
    }

    int maxBinaryMessageBytes() {
        return maxBinary;
    }

    long maxMessageBytes(boolean text) {
        return text ? maxText : maxBinary;
    }

    long maxFragmentsPerMessage() {
        return maxFragments;
    }

    void setMaxTextMessageBytes(int bytes) {
        maxText = positive(bytes, "maxTextMessageBufferSize");
    }

    void setMaxBinaryMessageBytes(int bytes) {
        maxBinary = positive(bytes, "maxBinaryMessageBufferSize");
    }

    void setMaxFramePayload(long bytes) {
        fixedFramePayload = positive(bytes, "maxFramePayload");
    }

    void setMaxFragmentsPerMessage(long frames) {
        maxFragments = positive(frames, "maxFragmentsPerMessage");
    }

    private static int clampToInt(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    private static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }
}
