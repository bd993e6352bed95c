package org.bowline.cluster;

/**
 * How much may be on its way to one subscriber (sent to its connection, its completion not yet
 * reported), and what happens past that. A send's completion runs on the session's executor, so it
 * can come a little after the write: on a loaded machine, a reading subscriber can count a few
 * milliseconds' worth of messages more than its connection still holds. The connection's own
 * outbound limit (Bowline's {@code SessionLimits.maxOutboundQueuedBytes}) applies too: a send it
 * refuses counts the same way.
 *
 * @param maxPendingMessages messages under way to one subscriber
 * @param maxPendingBytes    their payload bytes; one message larger than this still goes when
 *                           nothing else is pending
 * @param whenFull           what a message that does not fit does
 */
public record SubscriberLimits(int maxPendingMessages, long maxPendingBytes, SlowSubscriberPolicy whenFull) {

    /** 1,024 messages, 4 MiB, close with 1008. */
    public static SubscriberLimits defaults() {
        return new SubscriberLimits(1024, 4L << 20, SlowSubscriberPolicy.CLOSE);
    }

    public SubscriberLimits {
        if (maxPendingMessages <= 0) {
            throw new IllegalArgumentException("maxPendingMessages must be > 0, was " + maxPendingMessages);
        }
        if (maxPendingBytes <= 0) {
            throw new IllegalArgumentException("maxPendingBytes must be > 0, was " + maxPendingBytes);
        }
        if (whenFull == null) {
            throw new IllegalArgumentException("whenFull must not be null");
        }
    }

    public SubscriberLimits withPolicy(SlowSubscriberPolicy policy) {
        return new SubscriberLimits(maxPendingMessages, maxPendingBytes, policy);
    }
}
