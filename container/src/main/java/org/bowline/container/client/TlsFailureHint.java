package org.bowline.container.client;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;

/**
 * Says in words why a client's TLS handshake failed, from the JSSE exception chain, whose own messages
 * ("PKIX path building failed", "No subject alternative names matching ...") name the mechanism but not
 * what the user should check.
 */
final class TlsFailureHint {

    private TlsFailureHint() {
    }

    /** A short reason to append to the failure's message, or "" when the chain says nothing recognisable. */
    static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return " (the server's certificate is not trusted: it does not chain to a certificate in the"
                        + " client's trust store)";
            }
            if (t instanceof CertificateException
                    && (message.contains("subject alternative name") || message.contains("no name matching"))) {
                return " (the server's certificate is not issued for the host name in the URI; host name"
                        + " verification is on)";
            }
            if (message.contains("protocol_version") || message.contains("no appropriate protocol")) {
                return " (client and server have no TLS protocol version in common; Bowline enables TLS 1.3 and"
                        + " 1.2 by default)";
            }
        }
        return "";
    }
}
