package org.bowline.container.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7692 sections 5 and 7.1 from the client's side: what it offers and which answers it accepts. */
class PerMessageDeflateClientResponseTest {

    private static ExtensionOffer element(String header) {
        return ExtensionHeader.parse(List.of(header)).get(0);
    }

    @Test
    void clientOfferCarriesTheRequestedParameters() {
        assertEquals("permessage-deflate", PerMessageDeflate.clientOffer(false, false).toHeaderValue());
        assertEquals("permessage-deflate; client_max_window_bits",
                PerMessageDeflate.clientOffer(true, false).toHeaderValue());
        assertEquals("permessage-deflate; server_no_context_takeover; client_max_window_bits",
                PerMessageDeflate.clientOffer(true, true).toHeaderValue());
    }

    /** offered | response | serverNCT | clientNCT | serverBits | clientBits */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate                                | permessage-deflate                                   | false | false | 15 | 15",
        "permessage-deflate                                | permessage-deflate; server_no_context_takeover       | true  | false | 15 | 15",
        "permessage-deflate                                | permessage-deflate; client_no_context_takeover       | false | true  | 15 | 15",
        "permessage-deflate                                | permessage-deflate; server_max_window_bits=10        | false | false | 10 | 15",
        "permessage-deflate; client_max_window_bits        | permessage-deflate; client_max_window_bits=8         | false | false | 15 | 8",
        "permessage-deflate; client_max_window_bits=12     | permessage-deflate; client_max_window_bits=12        | false | false | 15 | 12",
        "permessage-deflate; server_max_window_bits=12     | permessage-deflate; server_max_window_bits=9         | false | false | 9  | 15",
        "permessage-deflate; server_no_context_takeover    | permessage-deflate; server_no_context_takeover       | true  | false | 15 | 15",
        "permessage-deflate; client_max_window_bits        | permessage-deflate; client_max_window_bits=\"10\"    | false | false | 15 | 10",
    })
    void acceptsValidResponses(String offered, String response, boolean serverNct, boolean clientNct,
                               int serverBits, int clientBits) {
        DeflateAgreement agreement = PerMessageDeflate.acceptServerResponse(element(offered), element(response));
        assertEquals(serverNct, agreement.serverNoContextTakeover());
        assertEquals(clientNct, agreement.clientNoContextTakeover());
        assertEquals(serverBits, agreement.serverMaxWindowBits());
        assertEquals(clientBits, agreement.clientMaxWindowBits());
        assertEquals(element(response), agreement.response());
    }

    /** offered | response | a word the error must name */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate                             | permessage-deflate; mystery                                   | mystery",
        "permessage-deflate                             | permessage-deflate; client_max_window_bits=10                 | client_max_window_bits",
        "permessage-deflate; client_max_window_bits     | permessage-deflate; client_max_window_bits                    | client_max_window_bits",
        "permessage-deflate; client_max_window_bits     | permessage-deflate; client_max_window_bits=16                 | client_max_window_bits",
        "permessage-deflate; client_max_window_bits=10  | permessage-deflate; client_max_window_bits=11                 | client_max_window_bits",
        "permessage-deflate; server_max_window_bits=10  | permessage-deflate; server_max_window_bits=11                 | server_max_window_bits",
        "permessage-deflate                             | permessage-deflate; server_max_window_bits                    | server_max_window_bits",
        "permessage-deflate                             | permessage-deflate; server_max_window_bits=7                  | server_max_window_bits",
        "permessage-deflate                             | permessage-deflate; server_no_context_takeover=1              | server_no_context_takeover",
        "permessage-deflate                             | permessage-deflate; client_no_context_takeover; client_no_context_takeover | client_no_context_takeover",
        "permessage-deflate                             | x-webkit-deflate-frame                                        | x-webkit-deflate-frame",
    })
    void rejectsInvalidResponsesNamingTheParameter(String offered, String response, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PerMessageDeflate.acceptServerResponse(element(offered), element(response)));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void serverRoundTripIsAcceptedByTheClient() {
        ExtensionOffer offer = PerMessageDeflate.clientOffer(true, true);
        DeflateAgreement server = PerMessageDeflate.negotiateServer(List.of(offer)).orElseThrow();
        DeflateAgreement client = PerMessageDeflate.acceptServerResponse(offer, server.response());
        assertEquals(server.serverNoContextTakeover(), client.serverNoContextTakeover());
        assertEquals(server.clientNoContextTakeover(), client.clientNoContextTakeover());
        assertEquals(server.serverMaxWindowBits(), client.serverMaxWindowBits());
        assertEquals(server.clientMaxWindowBits(), client.clientMaxWindowBits());
    }
}
