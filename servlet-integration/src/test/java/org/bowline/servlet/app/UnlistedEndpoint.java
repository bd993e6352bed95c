package org.bowline.servlet.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** Scanned but not returned by {@link TestAppConfig}, so never deployed. */
public class UnlistedEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        throw new AssertionError("UnlistedEndpoint must not be deployed");
    }
}
