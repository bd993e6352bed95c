package org.bowline.cluster;

/** What happens to a subscriber whose connection does not take messages as fast as they come. */
public enum SlowSubscriberPolicy {
    /** Messages that do not fit are not sent to it (counted in {@link TopicStats#dropped()}); it stays subscribed. */
    DROP,
    /**
     * The first message that does not fit closes its connection with 1008 (policy violation) and
     * unsubscribes it (counted in {@link TopicStats#closedSlow()}); a client reconnects and catches up.
     */
    CLOSE
}
