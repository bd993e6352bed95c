package org.bowline.container.handshake;

import java.util.Objects;

/**
 * The head of an HTTP/1.1 response: status line and header fields.
 *
 * @param version the protocol version, e.g. {@code HTTP/1.1}
 * @param status  the three-digit status code
 * @param reason  the reason phrase, possibly empty
 * @param headers the header fields
 */
public record HttpResponseHead(String version, int status, String reason, HttpHeaders headers) {

    public HttpResponseHead {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
    }
}
