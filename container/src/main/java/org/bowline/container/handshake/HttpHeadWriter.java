package org.bowline.container.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes HTTP/1.1 heads for the wire. Characters are written as ISO-8859-1, which
 * {@link HttpHeaders} guarantees can represent every value; the start line is checked here so
 * that no argument can inject a line break.
 */
public final class HttpHeadWriter {

    private HttpHeadWriter() {
    }

    /** {@code HTTP/1.1 status reason}, the header fields, and the blank line; flipped, ready to write. */
    public static ByteBuffer response(int status, String reason, HttpHeaders headers) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("Status must have three digits: " + status);
        }
        if (!HttpSyntax.isFieldValue(reason)) {
            throw new IllegalArgumentException("Reason phrase holds a control character");
        }
        StringBuilder sb = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(reason);
        return finish(sb, headers);
    }

    /** {@code method target HTTP/1.1}, the header fields, and the blank line; flipped, ready to write. */
    public static ByteBuffer request(String method, String target, HttpHeaders headers) {
        if (!HttpSyntax.isToken(method)) {
            throw new IllegalArgumentException("Method is not a token: " + method);
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("Empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("Request target must be visible US-ASCII: " + target);
            }
        }
        StringBuilder sb = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1");
        return finish(sb, headers);
    }

    private static ByteBuffer finish(StringBuilder sb, HttpHeaders headers) {
        sb.append("\r\n");
        headers.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
        sb.append("\r\n");
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
