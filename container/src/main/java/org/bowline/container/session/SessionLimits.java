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
 * @param maxOutboundQueuedBytes  bytes queued towards a peer before sends wait (blocking),
 *                                fail (async) or reading stops (control replies)
 * @param maxInboundPendingBytes  whole messages received but not yet consumed by the endpoint
 *                                before the session stops reading from the peer
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

    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_MAX_MESSAGE, DEFAULT_MAX_MESSAGE, DEFAULT_MAX_MESSAGE,
                4L << 20, 4L << 20, 0, 5_000, 0);
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
