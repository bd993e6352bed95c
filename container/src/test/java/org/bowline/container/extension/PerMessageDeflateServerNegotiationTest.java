package org.bowline.container.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7692 sections 5 and 7.1 from the server's side. */
class PerMessageDeflateServerNegotiationTest {

    private static Optional<DeflateAgreement> negotiate(String... headerLines) {
        return PerMessageDeflate.negotiateServer(ExtensionHeader.parse(List.of(headerLines)));
    }

    /** offer | expected response | serverNCT | clientNCT | serverBits | clientBits */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate                                          | permessage-deflate                                                      | false | false | 15 | 15",
        "permessage-deflate; server_no_context_takeover              | permessage-deflate; server_no_context_takeover                          | true  | false | 15 | 15",
        "permessage-deflate; client_no_context_takeover              | permessage-deflate; client_no_context_takeover                          | false | true  | 15 | 15",
        "permessage-deflate; server_max_window_bits=10               | permessage-deflate; server_max_window_bits=10                           | false | false | 10 | 15",
        "permessage-deflate; server_max_window_bits=8                | permessage-deflate; server_max_window_bits=8                            | false | false | 8  | 15",
        "permessage-deflate; server_max_window_bits=15               | permessage-deflate; server_max_window_bits=15                           | false | false | 15 | 15",
        "permessage-deflate; client_max_window_bits                  | permessage-deflate                                                      | false | false | 15 | 15",
        "permessage-deflate; client_max_window_bits=9                | permessage-deflate                                                      | false | false | 15 | 15",
        "permessage-deflate; server_max_window_bits=\"12\"           | permessage-deflate; server_max_window_bits=12                           | false | false | 12 | 15",
        "Permessage-Deflate; Server_No_Context_Takeover              | permessage-deflate; server_no_context_takeover                          | true  | false | 15 | 15",
        "permessage-deflate; client_max_window_bits; server_max_window_bits=11; client_no_context_takeover; server_no_context_takeover"
            + " | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=11 | true | true | 11 | 15",
    })
    void acceptsEveryValidOfferAndAnswersWhatTheRfcRequires(String offer, String response, boolean serverNct,
                                                           boolean clientNct, int serverBits, int clientBits) {
        DeflateAgreement agreement = negotiate(offer).orElseThrow();
        assertEquals(response, agreement.response().toHeaderValue());
        assertEquals(serverNct, agreement.serverNoContextTakeover());
        assertEquals(clientNct, agreement.clientNoContextTakeover());
        assertEquals(serverBits, agreement.serverMaxWindowBits());
        assertEquals(clientBits, agreement.clientMaxWindowBits());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; server_max_window_bits",            // needs a value in an offer
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=010",         // leading zero
        "permessage-deflate; server_max_window_bits=0x0a",
        "permessage-deflate; server_max_window_bits=-9",
        "permessage-deflate; server_max_window_bits=\"16\"",
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; client_max_window_bits=ten",
        "permessage-deflate; server_no_context_takeover=1",       // flags take no value
        "permessage-deflate; client_no_context_takeover=\"x\"",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
        "permessage-deflate; server_max_window_bits=10; SERVER_MAX_WINDOW_BITS=10",
        "permessage-deflate; mystery",
        "permessage-deflate; mystery=1",
    })
    void declinesInvalidOffers(String offer) {
        assertTrue(negotiate(offer).isEmpty(), offer);
    }

    @Test
    void fallsBackToTheNextOfferInTheClientsOrder() {
        DeflateAgreement agreement = negotiate(
                "permessage-deflate; server_max_window_bits=99, permessage-deflate; mystery",
                "permessage-deflate; client_no_context_takeover, permessage-deflate").orElseThrow();
        assertEquals("permessage-deflate; client_no_context_takeover", agreement.response().toHeaderValue());
    }

    @Test
    void picksTheFirstAcceptableOfferNotTheSimplest() {
        DeflateAgreement agreement = negotiate(
                "permessage-deflate; server_max_window_bits=10, permessage-deflate").orElseThrow();
        assertEquals(10, agreement.serverMaxWindowBits());
    }

    @Test
    void ignoresOtherExtensionsAndMalformedElements() {
        DeflateAgreement agreement = negotiate(
                "x-webkit-deflate-frame, permessage-deflate; bad value, permessage-deflate; server_no_context_takeover")
                .orElseThrow();
        assertTrue(agreement.serverNoContextTakeover());
    }

    @Test
    void noOfferMeansNoAgreement() {
        assertTrue(PerMessageDeflate.negotiateServer(List.of()).isEmpty());
        assertTrue(negotiate("x-webkit-deflate-frame").isEmpty());
    }

    @Test
    void windowBelowFifteenSelectsHuffmanOnlyForThatDirectionOnly() {
        DeflateAgreement agreement = negotiate("permessage-deflate; server_max_window_bits=9").orElseThrow();
        try (MessageDeflater server = agreement.newDeflater(true); MessageDeflater client = agreement.newDeflater(false)) {
            assertTrue(server.huffmanOnly());
            assertFalse(client.huffmanOnly());
        }
    }

    @Test
    void contextTakeoverFollowsEachDirection() {
        DeflateAgreement agreement = negotiate("permessage-deflate; server_no_context_takeover").orElseThrow();
        try (MessageDeflater serverOut = agreement.newDeflater(true);
             MessageInflater clientIn = agreement.newInflater(false, 1000);
             MessageDeflater clientOut = agreement.newDeflater(false);
             MessageInflater serverIn = agreement.newInflater(true, 1000)) {
            assertFalse(serverOut.contextTakeover());
            assertFalse(clientIn.contextTakeover());
            assertTrue(clientOut.contextTakeover());
            assertTrue(serverIn.contextTakeover());
        }
    }
}
