package org.bowline.container.session;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import org.bowline.container.extension.DeflateAgreement;
import org.bowline.container.frame.Role;
import org.bowline.container.io.Connection;

/**
 * Everything a handshake settled that a session needs, gathered by the server or client side.
 *
 * @param requestUri   the request URI as text; the session parses it when asked (a parsed URI and
 *                     its parts cost some 300 bytes, which an idle session should not hold)
 * @param deflate      the permessage-deflate agreement, or null when not negotiated
 * @param openSessions the live set of sessions of the same endpoint, which the session joins
 *                     while open (Session.getOpenSessions)
 * @param executor     where the session's callbacks run, one at a time
 */
public record SessionSetup(
        Connection connection,
        Role role,
        Endpoint endpoint,
        EndpointConfig config,
        WebSocketContainer container,
        SessionLimits limits,
        Executor executor,
        String requestUri,
        Map<String, List<String>> parameterMap,
        String queryString,
        Map<String, String> pathParameters,
        Principal principal,
        String subprotocol,
        List<Extension> extensions,
        DeflateAgreement deflate,
        Set<Session> openSessions) {

    /**
     * An {@link EndpointConfig} of one connection whose user properties are made on first use: the session
     * asks for them this way when it starts from them, so that it does not make an empty map only to copy it.
     */
    public interface OwnUserProperties {
        /** The user properties, or null when none were ever made (which means there are none). */
        Map<String, Object> userPropertiesIfAny();
    }
}
