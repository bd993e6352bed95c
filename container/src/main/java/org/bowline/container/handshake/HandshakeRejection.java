package org.bowline.container.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An HTTP answer that refuses an upgrade: status, reason phrase, extra headers and a short text
 * body. Also used by upgrade hooks that refuse a handshake with their own status and headers.
 *
 * @param status  the HTTP status, three digits
 * @param reason  the reason phrase
 * @param headers extra header fields (the encoding adds the framing ones)
 * @param body    a short plain-text explanation, naming the header at fault
 */
public record HandshakeRejection(int status, String reason, HttpHeaders headers, String body) {

    public HandshakeRejection {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("Status must have three digits: " + status);
        }
        Objects.requireNonNull(reason, "reason");
        headers = headers == null ? new HttpHeaders() : headers;
        body = body == null ? "" : body;
    }

    /** A rejection with the standard reason phrase and no extra headers. */
    public static HandshakeRejection of(int status, String body) {
        return new HandshakeRejection(status, ReasonPhrase.of(status), new HttpHeaders(), body);
    }

    /** A rejection with the standard reason phrase and one extra header field. */
    public static HandshakeRejection of(int status, String body, String headerName, String headerValue) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(headerName, headerValue);
        return new HandshakeRejection(status, ReasonPhrase.of(status), headers, body);
    }

    /**
     * The full HTTP/1.1 response: the extra headers, then {@code Content-Type: text/plain;
     * charset=utf-8}, {@code Content-Length} and {@code Connection: close}, which replace any
     * extra header of the same name (the body and closing the connection are ours to describe).
     */
    public ByteBuffer encode() {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        HttpHeaders all = headers.copy();
        all.set("Content-Type", "text/plain; charset=utf-8");
        all.set("Content-Length", Integer.toString(content.length));
        all.set("Connection", "close");
        ByteBuffer head = HttpHeadWriter.response(status, reason, all);
        ByteBuffer out = ByteBuffer.allocate(head.remaining() + content.length);
        out.put(head).put(content).flip();
        return out;
    }
}
