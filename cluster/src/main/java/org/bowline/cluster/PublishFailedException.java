package org.bowline.cluster;

import java.io.IOException;

/** A message reached this node's subscribers but could not be handed to the other nodes. */
public final class PublishFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
