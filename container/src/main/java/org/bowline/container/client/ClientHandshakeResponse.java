package org.bowline.container.client;

import java.util.List;
import java.util.Map;

import jakarta.websocket.HandshakeResponse;

/** The server's 101 response as {@code ClientEndpointConfig.Configurator.afterResponse} sees it: read-only headers. */
record ClientHandshakeResponse(Map<String, List<String>> headers) implements HandshakeResponse {

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
