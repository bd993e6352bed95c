package org.bowline.container.extension;

import java.nio.ByteBuffer;
import org.bowline.container.frame.ProtocolException;

/** Receives inflated message bytes; the chunk is valid only during the call. */
@FunctionalInterface
public interface InflateSink {
    void onInflated(ByteBuffer chunk) throws ProtocolException;
}
