package org.bowline.container.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.extension.DeflateAgreement;
import org.bowline.container.extension.ExtensionOffer;
import org.bowline.container.extension.NegotiatedExtension;
import org.bowline.container.extension.PerMessageDeflate;

/**
 * The server's side of extension negotiation for one handshake. The configurator's
 * {@code getNegotiatedExtensions} sees every extension the client requested and, as installed, the
 * endpoint's own {@link ServerEndpointConfig#getExtensions()} followed by the container's (Tomcat
 * does the same); its answer, in its order, becomes the Sec-WebSocket-Extensions response and the
 * session's negotiated extensions. Permessage-deflate, the one extension the container implements,
 * is kept only when the container has it enabled, and its parameters come from the RFC 7692
 * negotiation over the client's deflate offers; any other extension is answered as the
 * configurator returned it. An extension the client did not request, or one named twice, is left
 * out: RFC 6455 section 9.1 lets a server answer only with extensions the client asked for.
 */
final class ExtensionNegotiation {

    /** What was agreed: the response header's elements, the session's view, and deflate's terms (or null). */
    record Result(List<ExtensionOffer> response, List<Extension> extensions, DeflateAgreement deflate) {
        static final Result NONE = new Result(List.of(), List.of(), null);
    }

    private ExtensionNegotiation() {
    }

    static Result negotiate(ServerEndpointConfig config, List<ExtensionOffer> offers, boolean deflateEnabled) {
        List<Extension> installed = new ArrayList<>();
        for (Extension own : nonNull(config.getExtensions())) {
            if (!isDeflate(own.getName())) {
                installed.add(own);
            }
        }
        if (deflateEnabled) {
            installed.add(new NegotiatedExtension(PerMessageDeflate.NAME, List.of()));
        }
        Extension[] requested = new Extension[offers.size()];
        for (int i = 0; i < requested.length; i++) {
            requested[i] = NegotiatedExtension.of(offers.get(i));
        }
        List<Extension> chosen = config.getConfigurator().getNegotiatedExtensions(installed, List.of(requested));
        if (chosen == null || chosen.isEmpty()) {
            return Result.NONE;
        }

        Set<String> requestedNames = new HashSet<>();
        List<ExtensionOffer> deflateOffers = new ArrayList<>();
        for (ExtensionOffer offer : offers) {
            requestedNames.add(offer.name().toLowerCase(Locale.ROOT));
            if (isDeflate(offer.name())) {
                deflateOffers.add(offer);
            }
        }
        List<ExtensionOffer> response = new ArrayList<>();
        List<Extension> extensions = new ArrayList<>();
        DeflateAgreement deflate = null;
        Set<String> answered = new HashSet<>();
        for (Extension extension : chosen) {
            String name = extension == null ? null : extension.getName();
            if (name == null || !requestedNames.contains(name.toLowerCase(Locale.ROOT))
                    || !answered.add(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            ExtensionOffer element;
            if (isDeflate(name)) {
                if (!deflateEnabled) {
                    continue;
                }
                deflate = PerMessageDeflate.negotiateServer(deflateOffers).orElse(null);
                if (deflate == null) {
                    continue;
                }
                element = deflate.response();
            } else {
                element = NegotiatedExtension.toOffer(extension);
            }
            response.add(element);
            extensions.add(NegotiatedExtension.of(element));
        }
        return new Result(List.copyOf(response), List.copyOf(extensions), deflate);
    }

    private static boolean isDeflate(String name) {
        return PerMessageDeflate.NAME.equalsIgnoreCase(name);
    }

    private static List<Extension> nonNull(List<Extension> list) {
        return list == null ? List.of() : list;
    }
}
