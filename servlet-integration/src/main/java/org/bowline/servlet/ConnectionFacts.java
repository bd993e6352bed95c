package org.bowline.servlet;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the engine asks of a connection that only the upgrade request knows: whether it came over
 * TLS and its two addresses. Captured during the handshake, since the request is gone afterwards.
 *
 * @param local  null when unknown
 * @param remote null when unknown
 */
record ConnectionFacts(boolean secure, InetSocketAddress local, InetSocketAddress remote) {

    static final ConnectionFacts UNKNOWN = new ConnectionFacts(false, null, null);

    static ConnectionFacts of(HttpServletRequest request) {
        return new ConnectionFacts(request.isSecure(), address(request.getLocalAddr(), request.getLocalPort()),
                address(request.getRemoteAddr(), request.getRemotePort()));
    }

    private static InetSocketAddress address(String literal, int port) {
        if (literal == null || port < 0 || port > 65535) {
            return null;
        }
        try {
            // An IP literal, as servlet containers report it: parsed without a DNS lookup.
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            return InetSocketAddress.createUnresolved(literal, port);
        }
    }
}
