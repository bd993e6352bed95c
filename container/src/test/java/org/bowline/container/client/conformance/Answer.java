package org.bowline.container.client.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** How the fuzzing server answers the client's upgrade request (already read and checked). */
@FunctionalInterface
interface Answer {

    void reply(WireServer server) throws IOException;

    /** A correct 101 without extensions. */
    static Answer plain() {
        return server -> server.sendRaw(latin1(server.switchingProtocols("")));
    }

    /** Exactly these bytes, however wrong. */
    static Answer raw(java.util.function.Function<WireServer, String> response) {
        return server -> server.sendRaw(latin1(response.apply(server)));
    }

    /**
     * Accepts the client's permessage-deflate offer with {@code parameters} (e.g.
     * "client_max_window_bits=8; server_no_context_takeover", or "" for none) and from then on
     * compresses and decompresses as they say.
     */
    static Answer deflate(String parameters) {
        return server -> {
            String offer = server.header("sec-websocket-extensions").toLowerCase(Locale.ROOT);
            assertTrue(offer.startsWith("permessage-deflate"), "the client was asked to offer permessage-deflate: " + offer);
            assertTrue(offer.contains("client_max_window_bits"),
                    "RFC 7692 7.1.2.2: the client offers client_max_window_bits, so the server may limit its window: " + offer);
            String p = parameters.toLowerCase(Locale.ROOT);
            server.useDeflate(new ServerDeflate(p.contains("server_no_context_takeover"),
                    p.contains("client_no_context_takeover"), bits(p, "client_max_window_bits"), bits(p, "server_max_window_bits")));
            server.sendRaw(latin1(server.switchingProtocols("Sec-WebSocket-Extensions: permessage-deflate"
                    + (parameters.isEmpty() ? "" : "; " + parameters) + "\r\n")));
        };
    }

    private static int bits(String parameters, String name) {
        int at = parameters.indexOf(name + "=");
        if (at < 0) {
            return 15;
        }
        String rest = parameters.substring(at + name.length() + 1).replace("\"", "");
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return Integer.parseInt(rest.substring(0, end));
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
