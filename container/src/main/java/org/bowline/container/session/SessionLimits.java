package org.bowline.container.session;

/**
 * The per-session limits and timeouts, fixed when a session opens (the session's own setters
 * may change buffer sizes and idle timeout afterwards, as the Jakarta API allows).
 *
 * <p>Every limit has a safe default so an unconfigured container cannot be made to buffer
 * without bound; applications that want large messages (the demo server takes 64 MiB) raise
 * them explicitly.
 *
 * @param maxTextMessageBytes     largest inbound text message, in UTF-8 bytes (1009 beyond)
 * @param maxBinaryMessageBytes   largest inbound binary message (1009 beyond)
 * @param maxFramePayload         largest single inbound frame, checked when its header arrives (1009 beyond);
 *                                {@link #FRAME_FOLLOWS_MESSAGES} (0, the default): as large as the message
 *                                limits in force allow, following the session's buffer-size setters (a whole
 *                                message in one frame is always legal); more than 0: that fixed limit, which
 *                                may be smaller than the message limits (a message then has to come in
 *                                several frames) and which the buffer-size setters do not change
 * @param maxFragmentsPerMessage  most frames one data message may come in, counting its first; the next
 *                                frame's header fails the connection with 1009. The default,
 *                                {@link #DEFAULT_MAX_FRAGMENTS}, is as many frames as the default message
 *                                limit has bytes, so no message of non-empty frames within that limit can
 *                                reach it; what it stops is a message of empty continuation frames, which no
 *                                size limit bounds
 * <p>The two queue limits bound what a peer that sends faster than it reads can make a session hold.
 * They gate whether the session reads or queues <em>more</em>, never whether one message may pass: a
 * message is always received whole (the message size limits bound it) and one message may always be
 * queued on an empty outbound queue, so a 64 MiB echo still goes out with a 256 KiB outbound limit.
 * A server adds one budget over all its sessions ({@code BowlineServer.Builder.queueBudget}).
 *
 * <p>Per endpoint: put a {@code SessionLimits} in the {@code ServerEndpointConfig}'s user properties
 * under {@link #USER_PROPERTY}; sessions of that endpoint use it instead of the container's.
 *
 * @param maxOutboundQueuedBytes  bytes queued towards a peer (data, pongs and close frames alike)
 *                                beyond which a further message waits (blocking send, up to the send
 *                                timeout) or is refused (async send). Queued data never stops the
 *                                session reading from the peer (two peers each sending a message past
 *                                it would otherwise wait for each other); what it owes the peer unasked
 *                                is bounded instead: past 64 unwritten pongs only the latest ping is
 *                                answered and the peer is not read until one is written; one close frame
 * @param maxInboundPendingBytes  whole messages received but not yet consumed by the endpoint
 *                                beyond which the session stops reading from the peer (until half drained)
 * @param idleTimeoutMillis       0 = never
 * @param closeTimeoutMillis      how long to wait for the peer's close frame or TCP close
 * @param sendTimeoutMillis       blocking and async send timeout; 0 or less = none
 */
public record SessionLimits(
        long maxTextMessageBytes,
        long maxBinaryMessageBytes,
        long maxFramePayload,
        long maxOutboundQueuedBytes,
        long maxInboundPendingBytes,
        long idleTimeoutMillis,
        long closeTimeoutMillis,
        long sendTimeoutMillis,
        long maxFragmentsPerMessage) {

    public static final long DEFAULT_MAX_MESSAGE = 1L << 20;

    /** {@link #maxFramePayload()} meaning "whatever the message limits in force allow". */
    public static final long FRAME_FOLLOWS_MESSAGES = 0;

    /** Default most frames per message: 2^20, the default message limit's bytes (see the record's doc). */
    public static final long DEFAULT_MAX_FRAGMENTS = 1L << 20;

    /** Default outbound queue limit per session: 256 KiB, a quarter of the default largest message. */
    public static final long DEFAULT_MAX_OUTBOUND_QUEUED = 256L << 10;

    /** Default inbound backlog per session: 256 KiB. */
    public static final long DEFAULT_MAX_INBOUND_PENDING = 256L << 10;

    /** The user property of a {@code ServerEndpointConfig} that carries its own {@code SessionLimits}. */
    public static final String USER_PROPERTY = "org.bowline.session.limits";

    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_MAX_MESSAGE, DEFAULT_MAX_MESSAGE, FRAME_FOLLOWS_MESSAGES,
                DEFAULT_MAX_OUTBOUND_QUEUED, DEFAULT_MAX_INBOUND_PENDING, 0, 5_000, 0, DEFAULT_MAX_FRAGMENTS);
    }

    /** The limits without a fragment limit of their own: {@link #DEFAULT_MAX_FRAGMENTS} frames per message. */
    public SessionLimits(long maxTextMessageBytes, long maxBinaryMessageBytes, long maxFramePayload,
                         long maxOutboundQueuedBytes, long maxInboundPendingBytes, long idleTimeoutMillis,
                         long closeTimeoutMillis, long sendTimeoutMillis) {
        this(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, maxOutboundQueuedBytes,
                maxInboundPendingBytes, idleTimeoutMillis, closeTimeoutMillis, sendTimeoutMillis, DEFAULT_MAX_FRAGMENTS);
    }

    public SessionLimits {
        positive(maxTextMessageBytes, "maxTextMessageBytes");
        positive(maxBinaryMessageBytes, "maxBinaryMessageBytes");
        if (maxFramePayload < 0) {
            throw new IllegalArgumentException("maxFramePayload must be >= 0 (0: follows the message limits), was "
                    + maxFramePayload);
        }
        positive(maxFragmentsPerMessage, "maxFragmentsPerMessage");
        positive(maxOutboundQueuedBytes, "maxOutboundQueuedBytes");
        positive(maxInboundPendingBytes, "maxInboundPendingBytes");
        if (idleTimeoutMillis < 0) {
            throw new IllegalArgumentException("idleTimeoutMillis must be >= 0, was " + idleTimeoutMillis);
        }
        positive(closeTimeoutMillis, "closeTimeoutMillis");
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    /** The message limits; the frame limit stays as it was (by default it follows them). */
    public SessionLimits withMaxMessageBytes(long text, long binary) {
        return new SessionLimits(text, binary, maxFramePayload, maxOutboundQueuedBytes, maxInboundPendingBytes,
                idleTimeoutMillis, closeTimeoutMillis, sendTimeoutMillis, maxFragmentsPerMessage);
    }

    /** A fixed frame limit (may be below the message limits), or {@link #FRAME_FOLLOWS_MESSAGES}. */
    public SessionLimits withMaxFramePayload(long max) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, max, maxOutboundQueuedBytes,
                maxInboundPendingBytes, idleTimeoutMillis, closeTimeoutMillis, sendTimeoutMillis, maxFragmentsPerMessage);
    }

    public SessionLimits withMaxFragmentsPerMessage(long max) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, maxOutboundQueuedBytes,
                maxInboundPendingBytes, idleTimeoutMillis, closeTimeoutMillis, sendTimeoutMillis, max);
    }

    public SessionLimits withIdleTimeoutMillis(long millis) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, maxOutboundQueuedBytes,
                maxInboundPendingBytes, millis, closeTimeoutMillis, sendTimeoutMillis, maxFragmentsPerMessage);
    }

    public SessionLimits withSendTimeoutMillis(long millis) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, maxOutboundQueuedBytes,
                maxInboundPendingBytes, idleTimeoutMillis, closeTimeoutMillis, millis, maxFragmentsPerMessage);
    }

    public SessionLimits withCloseTimeoutMillis(long millis) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, maxOutboundQueuedBytes,
                maxInboundPendingBytes, idleTimeoutMillis, millis, sendTimeoutMillis, maxFragmentsPerMessage);
    }

    public SessionLimits withQueues(long outboundBytes, long inboundPendingBytes) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, outboundBytes,
                inboundPendingBytes, idleTimeoutMillis, closeTimeoutMillis, sendTimeoutMillis, maxFragmentsPerMessage);
    }
}
