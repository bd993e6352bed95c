package org.bowline.servlet;

/**
 * Whether Bowline serves a web application's endpoints. One invalid endpoint takes all of them out
 * of service (Jakarta WebSocket 2.2, section 5.2.1: the deployment fails), while the rest of the
 * web application keeps running; and Bowline serves none when the server's own WebSocket
 * implementation took the application (see {@link ServerContainerClaim}).
 */
final class WebSocketDeployment {

    private volatile String failure;
    private volatile String steppedAside;

    /** Whether Bowline's filter upgrades this application's requests. */
    boolean serving() {
        return failure == null && steppedAside == null;
    }

    /** The server's own implementation serves the application, for {@code reason}. */
    void stepAside(String reason) {
        steppedAside = reason;
    }

    boolean failed() {
        return failure != null;
    }

    /** Why deployment failed, or null. */
    String failure() {
        return failure;
    }

    void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }
}
