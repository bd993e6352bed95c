package org.bowline.container.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.websocket.HandshakeResponse;

/**
 * {@link HandshakeResponse}: a mutable, case-insensitive header map that a
 * {@code ServerEndpointConfig.Configurator} may change in {@code modifyHandshake}. Its contents
 * are checked only when {@link #toHttpHeaders()} turns them into wire headers.
 */
public final class ServerHandshakeResponse implements HandshakeResponse {

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** An empty response. */
    public ServerHandshakeResponse() {
    }

    /** A response that starts with {@code initial}'s fields (each list mutable). */
    public ServerHandshakeResponse(HttpHeaders initial) {
        for (String name : initial.names()) {
            headers.put(name, new ArrayList<>(initial.all(name)));
        }
    }

    /** The live, mutable header map (keys case-insensitive). */
    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    /**
     * The current fields as wire headers.
     *
     * @throws IllegalArgumentException when a configurator put in a name that is not a token or a
     *                                  value with a line break or other control character
     */
    public HttpHeaders toHttpHeaders() {
        return HttpHeaders.fromMap(headers);
    }
}
