package org.bowline.container.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.websocket.Extension;

import org.bowline.container.extension.DeflateAgreement;
import org.bowline.container.extension.ExtensionHeader;
import org.bowline.container.extension.ExtensionOffer;
import org.bowline.container.extension.NegotiatedExtension;
import org.bowline.container.extension.PerMessageDeflate;
import org.bowline.container.handshake.HandshakeFailedException;

/**
 * The extensions a client offers and what it makes of the server's answer. The application's
 * requested extensions go out as they are, except permessage-deflate, which is replaced by our own
 * offer because only an offer we can honour may be sent. Immutable.
 */
final class ExtensionPlan {

    /** What the handshake settled. {@code deflate} is null when permessage-deflate was not agreed. */
    record Outcome(List<Extension> extensions, DeflateAgreement deflate) {
    }

    private final List<ExtensionOffer> offers;
    private final ExtensionOffer deflateOffer;

    private ExtensionPlan(List<ExtensionOffer> offers, ExtensionOffer deflateOffer) {
        this.offers = List.copyOf(offers);
        this.deflateOffer = deflateOffer;
    }

    /**
     * @param requested   the config's extensions, in order
     * @param alwaysOffer offer permessage-deflate even when the application did not ask for it
     */
    static ExtensionPlan of(List<Extension> requested, boolean alwaysOffer) {
        List<ExtensionOffer> offers = new ArrayList<>();
        ExtensionOffer deflate = null;
        for (Extension extension : requested == null ? List.<Extension>of() : requested) {
            ExtensionOffer offer = NegotiatedExtension.toOffer(extension);
            if (offer.name().equalsIgnoreCase(PerMessageDeflate.NAME)) {
                if (deflate == null) {
                    deflate = PerMessageDeflate.clientOffer(true,
                            offer.hasParameter(PerMessageDeflate.SERVER_NO_CONTEXT_TAKEOVER));
                    offers.add(deflate);
                }
            } else {
                offers.add(offer);
            }
        }
        if (deflate == null && alwaysOffer) {
            deflate = PerMessageDeflate.clientOffer(true, false);
            offers.add(deflate);
        }
        return new ExtensionPlan(offers, deflate);
    }

    /** The Sec-WebSocket-Extensions value to send, or null for none. */
    String header() {
        return offers.isEmpty() ? null : ExtensionHeader.format(offers);
    }

    /**
     * Interprets the extensions of an accepted 101 (their names were already checked against the
     * offer). A permessage-deflate response that is malformed, repeated or not what we can process
     * fails the handshake.
     */
    Outcome accept(List<String> responseValues) throws HandshakeFailedException {
        List<ExtensionOffer> answers = ExtensionHeader.parse(responseValues);
        List<Extension> negotiated = new ArrayList<>(answers.size());
        DeflateAgreement agreement = null;
        for (ExtensionOffer answer : answers) {
            if (answer.name().equalsIgnoreCase(PerMessageDeflate.NAME)) {
                if (agreement != null) {
                    throw new HandshakeFailedException("Server accepted permessage-deflate twice: "
                            + String.join(", ", responseValues), 101);
                }
                try {
                    agreement = PerMessageDeflate.acceptServerResponse(deflateOffer, answer);
                } catch (IllegalArgumentException e) {
                    throw new HandshakeFailedException("Server's permessage-deflate response cannot be used ("
                            + e.getMessage() + "): " + answer.toHeaderValue(), 101);
                }
            }
            negotiated.add(NegotiatedExtension.of(answer));
        }
        if (agreement == null && mentionsDeflate(responseValues)) {
            // ExtensionHeader skips malformed elements; a skipped deflate answer would leave the server compressing.
            throw new HandshakeFailedException("Server's permessage-deflate response is malformed: "
                    + String.join(", ", responseValues), 101);
        }
        return new Outcome(List.copyOf(negotiated), agreement);
    }

    private static boolean mentionsDeflate(List<String> values) {
        for (String value : values) {
            if (value.toLowerCase(Locale.ROOT).contains(PerMessageDeflate.NAME)) {
                return true;
            }
        }
        return false;
    }
}
