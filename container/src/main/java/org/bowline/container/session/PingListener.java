package org.bowline.container.session;

import java.nio.ByteBuffer;

import jakarta.websocket.Session;

/**
 * A Bowline hook the Jakarta API lacks: the API never shows an endpoint the pings it receives.
 * An {@link jakarta.websocket.Endpoint} that also implements this interface sees every ping, in
 * order with the messages around it, on the session's executor (never on an I/O thread), like its
 * other callbacks. The adapters' models ({@code Service.onPing}) are built on it.
 */
public interface PingListener {

    /**
     * A ping from the peer. {@code applicationData} is this call's own copy.
     * If {@link #containerAnswersPings()} is false, answering it is up to this method.
     */
    void onPing(Session session, ByteBuffer applicationData);

    /**
     * Whether the container answers every ping with a pong itself, at once on the I/O thread, as it
     * does for any Jakarta endpoint (the default). Return false to answer in {@link #onPing} (or not
     * at all). Asked once, when the session opens.
     */
    default boolean containerAnswersPings() {
        return true;
    }
}
