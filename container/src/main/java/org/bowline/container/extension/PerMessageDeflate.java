package org.bowline.container.extension;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Negotiation of the {@code permessage-deflate} extension (RFC 7692 section 7.1).
 *
 * <p>Every valid offer is accepted. The JDK's {@link java.util.zip.Deflater} cannot shrink its
 * 32 KiB window, so when our sending window is negotiated below 15 bits we compress without
 * back-references (Huffman-only), which honours any window; the JDK's inflater reads any window
 * up to 32 KiB, so we never need to limit the peer's window.
 */
public final class PerMessageDeflate {

    public static final String NAME = "permessage-deflate";
    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    private static final Logger LOG = System.getLogger(PerMessageDeflate.class.getName());

    private PerMessageDeflate() {
    }

    /**
     * Server side: accept the FIRST acceptable permessage-deflate offer (offers in the client's
     * order of preference); an offer with unknown parameters, duplicate parameters, or invalid
     * values (window bits outside 8..15, a value on a no_context_takeover param,
     * server_max_window_bits without a value) is declined and the next is tried. Empty when
     * none is acceptable.
     *
     * <p>The response echoes {@code server_no_context_takeover} and {@code server_max_window_bits}
     * as RFC 7692 requires, and echoes {@code client_no_context_takeover} when offered so that the
     * inflater may drop its context between messages. It never limits the client's window.
     */
    public static Optional<DeflateAgreement> negotiateServer(List<ExtensionOffer> offers) {
        for (ExtensionOffer offer : offers) {
            if (!offer.name().equalsIgnoreCase(NAME)) {
                continue;
            }
            DeflateParameters p;
            try {
                p = DeflateParameters.parse(offer, false);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.DEBUG, "Declining permessage-deflate offer \"{0}\": {1}",
                        offer.toHeaderValue(), e.getMessage());
                continue;
            }
            List<ExtensionOffer.Parameter> response = new ArrayList<>(3);
            if (p.serverNoContextTakeover()) {
                response.add(ExtensionOffer.Parameter.flag(SERVER_NO_CONTEXT_TAKEOVER));
            }
            if (p.clientNoContextTakeover()) {
                response.add(ExtensionOffer.Parameter.flag(CLIENT_NO_CONTEXT_TAKEOVER));
            }
            int serverBits = DeflateParameters.MAX_WINDOW_BITS;
            if (p.serverMaxWindowBits() != 0) {
                serverBits = p.serverMaxWindowBits();
                response.add(new ExtensionOffer.Parameter(SERVER_MAX_WINDOW_BITS, Integer.toString(serverBits)));
            }
            return Optional.of(new DeflateAgreement(new ExtensionOffer(NAME, response),
                    p.serverNoContextTakeover(), p.clientNoContextTakeover(),
                    serverBits, DeflateParameters.MAX_WINDOW_BITS));
        }
        return Optional.empty();
    }

    /**
     * Client side: the offer to send.
     *
     * @param offerClientMaxWindowBits       add a value-less {@code client_max_window_bits}, telling
     *                                       the server it may limit our window
     * @param requestServerNoContextTakeover add {@code server_no_context_takeover}, so the server
     *                                       resets its compressor after every message
     */
    public static ExtensionOffer clientOffer(boolean offerClientMaxWindowBits, boolean requestServerNoContextTakeover) {
        List<ExtensionOffer.Parameter> params = new ArrayList<>(2);
        if (requestServerNoContextTakeover) {
            params.add(ExtensionOffer.Parameter.flag(SERVER_NO_CONTEXT_TAKEOVER));
        }
        if (offerClientMaxWindowBits) {
            params.add(ExtensionOffer.Parameter.flag(CLIENT_MAX_WINDOW_BITS));
        }
        return new ExtensionOffer(NAME, params);
    }

    /**
     * Client side: validate the server's response against what we offered (RFC 7692 5 and
     * 7.1); throws IllegalArgumentException whose message names the offending parameter
     * (unknown param, duplicate, bad value, client_max_window_bits when not offered, a window
     * larger than offered, ...). The client must then fail the WebSocket connection.
     *
     * <p>A response that leaves out {@code server_no_context_takeover} or
     * {@code server_max_window_bits} we asked for is accepted as it stands: the agreement then
     * keeps the inflater's context and full window, which we can always read.
     */
    public static DeflateAgreement acceptServerResponse(ExtensionOffer offered, ExtensionOffer response) {
        if (!response.name().equalsIgnoreCase(NAME)) {
            throw new IllegalArgumentException("response is for extension " + response.name() + ", not " + NAME);
        }
        DeflateParameters offer = DeflateParameters.parse(offered, false);
        DeflateParameters answer = DeflateParameters.parse(response, true);
        if (answer.clientMaxWindowBitsPresent()) {
            if (!offer.clientMaxWindowBitsPresent()) {
                throw new IllegalArgumentException(CLIENT_MAX_WINDOW_BITS + " in response but not offered");
            }
            if (offer.clientMaxWindowBits() != 0 && answer.clientMaxWindowBits() > offer.clientMaxWindowBits()) {
                throw new IllegalArgumentException(CLIENT_MAX_WINDOW_BITS + "=" + answer.clientMaxWindowBits()
                        + " exceeds the offered " + offer.clientMaxWindowBits());
            }
        }
        if (answer.serverMaxWindowBits() != 0 && offer.serverMaxWindowBits() != 0
                && answer.serverMaxWindowBits() > offer.serverMaxWindowBits()) {
            throw new IllegalArgumentException(SERVER_MAX_WINDOW_BITS + "=" + answer.serverMaxWindowBits()
                    + " exceeds the offered " + offer.serverMaxWindowBits());
        }
        return new DeflateAgreement(response,
                answer.serverNoContextTakeover(), answer.clientNoContextTakeover(),
                orMax(answer.serverMaxWindowBits()), orMax(answer.clientMaxWindowBits()));
    }

    private static int orMax(int bits) {
        return bits == 0 ? DeflateParameters.MAX_WINDOW_BITS : bits;
    }
}
