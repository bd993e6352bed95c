package org.bowline.container.handshake;

import java.nio.ByteBuffer;

/** The server's 101 answer that accepts an upgrade (RFC 6455 section 4.2.2, item 5). */
public final class SwitchingProtocols {

    private SwitchingProtocols() {
    }

    /**
     * {@code HTTP/1.1 101 Switching Protocols} with {@code Upgrade: websocket},
     * {@code Connection: Upgrade} and the {@code Sec-WebSocket-Accept} for {@code secWebSocketKey},
     * then {@code extraHeaders} (the chosen Sec-WebSocket-Protocol and -Extensions, and whatever a
     * configurator added). Extra fields named Upgrade, Connection or Sec-WebSocket-Accept are
     * dropped: changing them would break the handshake for every client.
     */
    public static ByteBuffer encode(String secWebSocketKey, HttpHeaders extraHeaders) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Upgrade", "websocket");
        headers.add("Connection", "Upgrade");
        headers.add("Sec-WebSocket-Accept", AcceptKey.of(secWebSocketKey));
        if (extraHeaders != null) {
            HttpHeaders extra = extraHeaders.copy();
            extra.remove("Upgrade");
            extra.remove("Connection");
            extra.remove("Sec-WebSocket-Accept");
            headers.addAll(extra);
        }
        return HttpHeadWriter.response(101, ReasonPhrase.of(101), headers);
    }
}
