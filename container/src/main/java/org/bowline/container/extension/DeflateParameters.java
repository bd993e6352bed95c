package org.bowline.container.extension;

import static org.bowline.container.extension.PerMessageDeflate.CLIENT_MAX_WINDOW_BITS;
import static org.bowline.container.extension.PerMessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER;
import static org.bowline.container.extension.PerMessageDeflate.SERVER_MAX_WINDOW_BITS;
import static org.bowline.container.extension.PerMessageDeflate.SERVER_NO_CONTEXT_TAKEOVER;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The syntactically validated parameters of one permessage-deflate offer or response
 * (RFC 7692 section 7.1). Window bits are {@code 0} when the parameter is absent;
 * {@code clientMaxWindowBits} is also {@code 0} for a value-less {@code client_max_window_bits}
 * in an offer, which {@code clientMaxWindowBitsPresent} tells apart.
 */
record DeflateParameters(
        boolean serverNoContextTakeover,
        boolean clientNoContextTakeover,
        int serverMaxWindowBits,
        boolean clientMaxWindowBitsPresent,
        int clientMaxWindowBits) {

    static final int MIN_WINDOW_BITS = 8;
    static final int MAX_WINDOW_BITS = 15;

    /**
     * Validates the parameters of {@code element}.
     *
     * @param response whether this is a server's response; only there must
     *                 {@code client_max_window_bits} carry a value
     * @throws IllegalArgumentException naming the offending parameter
     */
    static DeflateParameters parse(ExtensionOffer element, boolean response) {
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverMaxWindowBits = 0;
        boolean clientMaxWindowBitsPresent = false;
        int clientMaxWindowBits = 0;
        Set<String> seen = new HashSet<>();
        for (ExtensionOffer.Parameter p : element.parameters()) {
            String name = p.name().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("duplicate parameter " + p.name());
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    requireNoValue(p);
                    serverNoContextTakeover = true;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    requireNoValue(p);
                    clientNoContextTakeover = true;
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    if (p.value() == null) {
                        throw new IllegalArgumentException(p.name() + " requires a value");
                    }
                    serverMaxWindowBits = windowBits(p);
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    clientMaxWindowBitsPresent = true;
                    if (p.value() != null) {
                        clientMaxWindowBits = windowBits(p);
                    } else if (response) {
                        throw new IllegalArgumentException(p.name() + " requires a value in a response");
                    }
                }
                default -> throw new IllegalArgumentException("unknown parameter " + p.name());
            }
        }
        return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover,
                serverMaxWindowBits, clientMaxWindowBitsPresent, clientMaxWindowBits);
    }

    private static void requireNoValue(ExtensionOffer.Parameter p) {
        if (p.value() != null) {
            throw new IllegalArgumentException(p.name() + " must not have a value");
        }
    }

    /** A decimal integer 8..15 without leading zeros (RFC 7692 7.1.2.1 and 7.1.2.2). */
    private static int windowBits(ExtensionOffer.Parameter p) {
        String v = p.value();
        boolean digits = !v.isEmpty() && v.length() <= 2 && v.charAt(0) != '0';
        for (int i = 0; digits && i < v.length(); i++) {
            digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
        }
        int bits = digits ? Integer.parseInt(v) : -1;
        if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException(p.name() + " has invalid value " + v);
        }
        return bits;
    }
}
