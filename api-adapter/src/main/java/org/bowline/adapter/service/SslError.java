package org.bowline.adapter.service;

/**
 * The TLS handshake failed: the server's certificate is not trusted, does not name the host, or
 * the two ends share no protocol or cipher; or the trust store could not be loaded.
 */
public class SslError extends WebSocketError {

    private static final long serialVersionUID = 1L;

    public SslError(String url, String why, Throwable cause) {
        super("TLS with " + url + " failed: " + why, cause);
    }
}
