package org.bowline.container.server;

import java.security.Principal;
import java.util.function.Predicate;

import org.bowline.container.handshake.HttpRequestHead;

/**
 * An HTTP request asking to become a WebSocket, as any host (the standalone server or a servlet
 * container) sees it.
 *
 * @param userInRole  never null; answers false for everything when there is no security
 * @param httpSession the host's session object, or null
 */
public record UpgradeRequest(HttpRequestHead head, boolean secure, Principal principal,
                             Predicate<String> userInRole, Object httpSession) {

    public static UpgradeRequest anonymous(HttpRequestHead head, boolean secure) {
        return new UpgradeRequest(head, secure, null, role -> false, null);
    }
}
