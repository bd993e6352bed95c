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
 * @param maxFramePayload         largest single inbound frame; checked when its header arrives
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
 *                                timeout) or is refused (async send), and the session stops reading
 *                                from the peer until the queue drains to the write low-water mark
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
        long sendTimeoutMillis) {

    public static final long DEFAULT_MAX_MESSAGE = 1L << 20;

    /** Default outbound queue limit per session: 256 KiB, a quarter of the default largest message. */
    public static final long DEFAULT_MAX_OUTBOUND_QUEUED = 256L << 10;

    /** Default inbound backlog per session: 256 KiB. */
    public static final long DEFAULT_MAX_INBOUND_PENDING = 256L << 10;

    /** The user property of a {@code ServerEndpointConfig} that carries its own {@code SessionLimits}. */
    public static final String USER_PROPERTY = "org.bowline.session.limits";

    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_MAX_MESSAGE, DEFAULT_MAX_MESSAGE, DEFAULT_MAX_MESSAGE,
                DEFAULT_MAX_OUTBOUND_QUEUED, DEFAULT_MAX_INBOUND_PENDING, 0, 5_000, 0);
    }

    public SessionLimits {
        positive(maxTextMessageBytes, "maxTextMessageBytes");
        positive(maxBinaryMessageBytes, "maxBinaryMessageBytes");
        positive(maxFramePayload, "maxFramePayload");
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

    public SessionLimits withMaxMessageBytes(long text, long binary) {
        return new SessionLimits(text, binary, Math.max(text, binary), maxOutboundQueuedBytes,
                maxInboundPendingBytes, idleTimeoutMillis, closeTimeoutMillis, sendTimeoutMillis);
    }

    public SessionLimits withMaxFramePayload(long max) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, max, maxOutboundQueuedBytes,
                maxInboundPendingBytes, idleTimeoutMillis, closeTimeoutMillis, sendTimeoutMillis);
    }

    public SessionLimits withIdleTimeoutMillis(long millis) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, maxOutboundQueuedBytes,
                maxInboundPendingBytes, millis, closeTimeoutMillis, sendTimeoutMillis);
    }

    public SessionLimits withSendTimeoutMillis(long millis) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, maxOutboundQueuedBytes,
                maxInboundPendingBytes, idleTimeoutMillis, closeTimeoutMillis, millis);
    }

    public SessionLimits withCloseTimeoutMillis(long millis) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, maxOutboundQueuedBytes,
                maxInboundPendingBytes, idleTimeoutMillis, millis, sendTimeoutMillis);
    }

    public SessionLimits withQueues(long outboundBytes, long inboundPendingBytes) {
        return new SessionLimits(maxTextMessageBytes, maxBinaryMessageBytes, maxFramePayload, outboundBytes,
                inboundPendingBytes, idleTimeoutMillis, closeTimeoutMillis, sendTimeoutMillis);
    }
}
