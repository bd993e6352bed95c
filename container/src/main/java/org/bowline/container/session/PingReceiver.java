package org.bowline.container.session;

import java.nio.ByteBuffer;

import jakarta.websocket.Session;

/**
 * An {@link jakarta.websocket.Endpoint} that also implements this receives every ping its session
 * gets, and answers it itself: the container then sends no automatic pong. The Jakarta API has no
 * way to see pings (the container must answer them); programming models whose services handle
 * pings (the service model's {@code onPing}) need one.
 *
 * <p>It runs on the session's executor, in order with the endpoint's other callbacks. What it throws
 * reaches the endpoint's {@code onError}.
 */
public interface PingReceiver {

    /** @param payload a copy of the ping's application data, the receiver's to keep */
    void onPing(Session session, ByteBuffer payload);
}
