package org.bowline.container.session;

import java.nio.ByteBuffer;

/** What {@link InboundAssembler} hands up once frames have become messages and control events. */
interface InboundListener {

    /**
     * A data message starts. Returns where to stream its parts, or null to have it assembled
     * whole and handed to {@link #onText} or {@link #onBinary}.
     */
    InboundAssembler.PartSink onMessageStart(boolean text);

    /**
     * Whether a message being streamed (it began while a streaming handler was registered, which the
     * endpoint has since replaced) will be delivered whole after all: then its size limit applies on the
     * wire, at each frame header.
     */
    default boolean deliversWhole(boolean text) {
        return false;
    }

    /** A whole, validated text message. */
    void onText(String text);

    /** A whole binary message; the buffer is the listener's to keep. */
    void onBinary(ByteBuffer data);

    /** A ping; the payload is valid only during the call. */
    void onPing(ByteBuffer payload);

    /** A pong; the payload is valid only during the call. */
    void onPong(ByteBuffer payload);

    /** A valid close frame; code is 1005 when the frame carried none. */
    void onClose(int code, String reason);
}
