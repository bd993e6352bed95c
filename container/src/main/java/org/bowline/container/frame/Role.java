package org.bowline.container.frame;

/**
 * Which end of the connection a codec serves. RFC 6455 section 5.1: a client masks every frame it
 * sends and a server masks none, so each role knows whether inbound frames must carry a mask.
 */
public enum Role {
    /** Accepts masked frames only (they come from a client). */
    SERVER,
    /** Accepts unmasked frames only (they come from a server). */
    CLIENT
}
