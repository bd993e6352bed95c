package org.bowline.container.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.bowline.container.handshake.HttpHeadWriter;
import org.bowline.container.handshake.HttpHeaders;
import org.bowline.container.handshake.ReasonPhrase;

/**
 * A complete answer from a {@link PlainHttpHandler}.
 *
 * @param status      the HTTP status, three digits
 * @param contentType the body's media type, e.g. {@code text/html; charset=utf-8}
 * @param body        the body; the array is not copied
 */
public record PlainHttpResponse(int status, String contentType, byte[] body) {

    public PlainHttpResponse {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("Status must have three digits: " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        body = body == null ? new byte[0] : body;
    }

    /** A text answer in UTF-8. */
    public static PlainHttpResponse text(int status, String contentType, String body) {
        return new PlainHttpResponse(status, contentType + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Status line, Content-Type, Content-Length, {@code Connection: close}, then the body. */
    public ByteBuffer encode(boolean withBody) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Content-Length", Integer.toString(body.length));
        headers.set("Connection", "close");
        ByteBuffer head = HttpHeadWriter.response(status, ReasonPhrase.of(status), headers);
        ByteBuffer out = ByteBuffer.allocate(head.remaining() + (withBody ? body.length : 0));
        out.put(head);
        if (withBody) {
            out.put(body);
        }
        return out.flip();
    }
}
