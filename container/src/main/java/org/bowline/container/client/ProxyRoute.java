package org.bowline.container.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An HTTP proxy to tunnel through with CONNECT (RFC 9110 9.3.6), or none. Chosen from an explicit
 * "host:port" or else from {@link ProxySelector#getDefault()} asked about {@code http(s)://host:port},
 * so the standard {@code http(s).proxyHost} and {@code http.nonProxyHosts} system properties apply.
 */
record ProxyRoute(String host, int port, String authorization) {

    /** The proxy for a target, or null for a direct connection. */
    static ProxyRoute choose(String explicit, boolean secure, String targetHost, int targetPort,
                             String user, String password) {
        String host;
        int port;
        if (explicit != null && !explicit.isBlank()) {
            int colon = explicit.lastIndexOf(':');
            if (colon <= 0 || colon == explicit.length() - 1) {
                throw new IllegalArgumentException("Proxy must be given as host:port, was " + explicit);
            }
            host = explicit.substring(0, colon).trim();
            try {
                port = Integer.parseInt(explicit.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Proxy must be given as host:port, was " + explicit);
            }
        } else {
            InetSocketAddress selected = fromSelector(secure, targetHost, targetPort);
            if (selected == null) {
                return null;
            }
            host = selected.getHostString();
            port = selected.getPort();
        }
        String authorization = null;
        if (user != null) {
            String credentials = user + ":" + (password == null ? "" : password);
            authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        return new ProxyRoute(host, port, authorization);
    }

    private static InetSocketAddress fromSelector(boolean secure, String targetHost, int targetPort) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        List<Proxy> proxies = selector.select(URI.create((secure ? "https" : "http") + "://"
                + hostForUri(targetHost) + ":" + targetPort));
        for (Proxy proxy : proxies) {
            if (proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress address) {
                return address;
            }
            if (proxy.type() == Proxy.Type.DIRECT) {
                return null;
            }
        }
        return null;
    }

    /** The CONNECT request for a target, ready to write. */
    ByteBuffer connectRequest(String targetHost, int targetPort) {
        String authority = hostForUri(targetHost) + ":" + targetPort;
        StringBuilder head = new StringBuilder(128)
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        if (authorization != null) {
            head.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        head.append("\r\n");
        return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The proxy's name for messages. */
    String describe() {
        return "proxy " + host + ":" + port;
    }

    static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
