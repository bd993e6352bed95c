package org.bowline.container.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The server's 101 answer that accepts an upgrade (RFC 6455 section 4.2.2, item 5). */
public final class SwitchingProtocols {

    /** Everything before the accept key, the same in every answer. */
    private static final byte[] HEAD = ("HTTP/1.1 101 " + ReasonPhrase.of(101) + "\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: ").getBytes(StandardCharsets.ISO_8859_1);
    private static final int ACCEPT_LENGTH = 28;
    private static final byte[] NONE = new byte[0];

    private SwitchingProtocols() {
    }

    /**
     * {@code HTTP/1.1 101 Switching Protocols} with {@code Upgrade: websocket},
     * {@code Connection: Upgrade} and the {@code Sec-WebSocket-Accept} for {@code secWebSocketKey},
     * then {@code extraHeaders} (the chosen Sec-WebSocket-Protocol and -Extensions, and whatever a
     * configurator added). Extra fields named Upgrade, Connection or Sec-WebSocket-Accept are
     * dropped: changing them would break the handshake for every client.
     *
     * <p>Written straight into one array (every handshake makes one): {@link HttpHeaders} has checked the
     * extra fields already, and the rest is fixed.
     */
    public static ByteBuffer encode(String secWebSocketKey, HttpHeaders extraHeaders) {
        byte[] extra = extraHeaders == null || extraHeaders.isEmpty() ? NONE
                : extraLines(extraHeaders).getBytes(StandardCharsets.ISO_8859_1);   // what HttpHeaders allows
        byte[] head = new byte[HEAD.length + ACCEPT_LENGTH + 2 + extra.length + 2];
        System.arraycopy(HEAD, 0, head, 0, HEAD.length);
        int at = HEAD.length;
        byte[] accept = AcceptKey.bytesOf(secWebSocketKey);
        System.arraycopy(accept, 0, head, at, ACCEPT_LENGTH);
        at += ACCEPT_LENGTH;
        head[at++] = '\r';
        head[at++] = '\n';
        System.arraycopy(extra, 0, head, at, extra.length);
        at += extra.length;
        head[at++] = '\r';
        head[at] = '\n';
        return ByteBuffer.wrap(head);
    }

    /**
     * Whether {@code name} is one of the fields the 101 itself sets (Upgrade, Connection, Sec-WebSocket-Accept),
     * which extra fields may not change, whoever writes the answer.
     */
    public static boolean isProtocolField(String name) {
        return name.equalsIgnoreCase("Upgrade") || name.equalsIgnoreCase("Connection")
                || name.equalsIgnoreCase("Sec-WebSocket-Accept");
    }

    private static String extraLines(HttpHeaders extraHeaders) {
        StringBuilder lines = new StringBuilder(128);
        extraHeaders.forEach((name, value) -> {
            if (!isProtocolField(name)) {
                lines.append(name).append(": ").append(value).append("\r\n");
            }
        });
        return lines.toString();
    }
}
