package org.bowline.container.server;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.function.Predicate;

import org.bowline.container.handshake.HttpRequestHead;

/**
 * An HTTP request asking to become a WebSocket, as any host (the standalone server or a servlet
 * container) sees it.
 *
 * @param userInRole  never null; answers false for everything when there is no security
 * @param httpSession the host's session object, or null
 * @param remoteAddress the client's address, or null when the host does not know it
 */
public record UpgradeRequest(HttpRequestHead head, boolean secure, Principal principal,
                             Predicate<String> userInRole, Object httpSession, InetSocketAddress remoteAddress) {

    /** A request whose client address is unknown. */
    public UpgradeRequest(HttpRequestHead head, boolean secure, Principal principal,
                          Predicate<String> userInRole, Object httpSession) {
        this(head, secure, principal, userInRole, httpSession, null);
    }

    public static UpgradeRequest anonymous(HttpRequestHead head, boolean secure) {
        return anonymous(head, secure, null);
    }

    public static UpgradeRequest anonymous(HttpRequestHead head, boolean secure, InetSocketAddress remoteAddress) {
        return new UpgradeRequest(head, secure, null, role -> false, null, remoteAddress);
    }
}
