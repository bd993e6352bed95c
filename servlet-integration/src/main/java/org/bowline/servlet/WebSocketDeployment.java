package org.bowline.servlet;

/**
 * Whether a web application's endpoints deployed. One invalid endpoint takes all of the
 * application's WebSocket endpoints out of service (Jakarta WebSocket 2.2, section 5.2.1: the
 * deployment fails), while the rest of the web application keeps running.
 */
final class WebSocketDeployment {

    private volatile String failure;

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
