package org.bowline.adapter.service;

/**
 * Decides an HTTP upgrade request: returns the {@link Service} that serves the WebSocket connection
 * it opens, or throws {@link UpgradeError} to refuse it (the client gets the error's status, its
 * message as the body and its headers; no WebSocket opens and no {@code Service} callback runs). Any
 * other exception refuses with 500 and is logged. To add headers to the 101 answer, return an
 * {@link AcceptedUpgrade}.
 *
 * <p>Runs once per upgrade request, possibly on several threads at once. A class may carry a
 * {@link ServiceConfig} annotation; lambdas get a {@link ServiceConfiguration} where they are attached.
 *
 * <pre>{@code
 * listener.attach("/ws", request -> new Service() {
 *     public Object onTextMessage(Caller caller, String text) {
 *         return "Echo: " + text;
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface UpgradeService {

    /**
     * @return the service for this connection; never null
     * @throws UpgradeError to refuse the upgrade with its status, message and headers
     */
    Service get(UpgradeRequest request);
}
