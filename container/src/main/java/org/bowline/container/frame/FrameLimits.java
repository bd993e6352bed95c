package org.bowline.container.frame;

/**
 * What the {@link FrameParser} needs to know of the inbound limits: the largest payload one frame
 * may announce. Read at every frame header, so a limit that changes between frames applies from
 * the next header on. The session's limits object implements it; {@code frame} knows nothing more
 * of sessions.
 */
@FunctionalInterface
public interface FrameLimits {

    /** The largest payload one frame may announce, in bytes (at least 0). */
    long maxFramePayload();
}
