package org.bowline.container.session;

import jakarta.websocket.Session;

/**
 * An {@link jakarta.websocket.Endpoint} that also implements this is told when its session has been
 * idle for {@link Session#getMaxIdleTimeout()}, instead of the session being closed: the session
 * stays open unless the endpoint closes it, and the endpoint is told again after each further idle
 * period. The Jakarta API only knows idle as a reason to close; models whose services decide
 * (the service model's {@code onIdleTimeout}) need the notice.
 *
 * <p>It runs on the session's executor, in order with the endpoint's other callbacks. What it throws
 * reaches the endpoint's {@code onError}.
 */
public interface IdleReceiver {

    void onIdle(Session session);
}
