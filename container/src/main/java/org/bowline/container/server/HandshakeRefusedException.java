package org.bowline.container.server;

import org.bowline.container.handshake.HandshakeRejection;

/**
 * Thrown by an upgrade hook (for example a {@code Configurator.modifyHandshake}) to refuse a
 * handshake with its own HTTP status, headers and body instead of switching protocols.
 */
public class HandshakeRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HandshakeRejection rejection;

    public HandshakeRefusedException(HandshakeRejection rejection) {
        super("Handshake refused with HTTP " + rejection.status() + ": " + rejection.body());
        this.rejection = rejection;
    }

    public HandshakeRejection rejection() {
        return rejection;
    }
}
