package org.bowline.container.session;

import jakarta.websocket.Session;

/**
 * Per-session settings beyond the Jakarta API, which adapters built on it need (the service model's
 * {@code maxFrameSize} and {@code connectionClosureTimeout}). Every Bowline session implements it.
 */
public interface BowlineSession extends Session {

    /**
     * The largest payload one inbound frame may announce; a larger one fails the connection with 1009
     * when its header arrives. Once set, it replaces the frame limit that otherwise follows the
     * message buffer sizes, so a message may be larger than a frame (sent in several).
     *
     * @param bytes more than 0
     */
    void setMaxFramePayload(long bytes);

    /**
     * The most frames one inbound data message may come in, counting its first; the header of one
     * more fails the connection with 1009 and a reason naming this limit. Applies from the next
     * frame on (a message under way is counted from its start).
     *
     * @param frames more than 0
     */
    void setMaxFragmentsPerMessage(long frames);

    /**
     * How long a close handshake waits for the peer (its close frame, or its reply to ours) before the
     * connection is dropped.
     *
     * @param millis more than 0
     */
    void setCloseTimeout(long millis);
}
