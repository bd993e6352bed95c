package org.bowline.container.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bowline.container.extension.ExtensionOffer.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 section 9.1: the Sec-WebSocket-Extensions grammar. */
class ExtensionHeaderTest {

    private static List<ExtensionOffer> parse(String... lines) {
        return ExtensionHeader.parse(List.of(lines));
    }

    @Test
    void extensionWithParametersWithAndWithoutValues() {
        List<ExtensionOffer> offers = parse("permessage-deflate; client_max_window_bits; server_max_window_bits=10");
        assertEquals(List.of(new ExtensionOffer("permessage-deflate", List.of(
                Parameter.flag("client_max_window_bits"),
                new Parameter("server_max_window_bits", "10")))), offers);
    }

    @Test
    void commaSeparatedElementsAndSeveralHeaderLinesKeepTheirOrder() {
        List<ExtensionOffer> offers = parse("a, b; x=1", "c");
        assertEquals(List.of("a", "b", "c"), offers.stream().map(ExtensionOffer::name).toList());
        assertEquals("1", offers.get(1).parameter("x"));
    }

    @Test
    void optionalWhitespaceAroundSeparatorsIsIgnored() {
        List<ExtensionOffer> offers = parse("  foo ;\tbar = 1 ;baz ,\tqux  ");
        assertEquals(List.of(new ExtensionOffer("foo", List.of(new Parameter("bar", "1"), Parameter.flag("baz"))),
                new ExtensionOffer("qux")), offers);
    }

    @Test
    void quotedStringValueIsUnquoted() {
        ExtensionOffer offer = parse("permessage-deflate; client_max_window_bits=\"10\"").get(0);
        assertEquals("10", offer.parameter("client_max_window_bits"));
    }

    @Test
    void quotedPairIsUnescaped() {
        assertEquals("ab", parse("x; p=\"a\\b\"").get(0).parameter("p"));
    }

    @Test
    void commaInsideQuotedStringDoesNotSplitElements() {
        // the quoted value "a,b" is not a token, so that element is dropped; the next survives
        List<ExtensionOffer> offers = parse("x; p=\"a,b\", y");
        assertEquals(List.of(new ExtensionOffer("y")), offers);
    }

    @Test
    void emptyListElementsAreIgnored() {
        assertEquals(List.of("a", "b"), parse(", a,, ,b,").stream().map(ExtensionOffer::name).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bad name; x, good",              // space inside the extension token
        "; x, good",                      // no extension token
        "bad; =1, good",                  // parameter without a name
        "bad; x=, good",                  // '=' without a value
        "bad; x=\"a b\", good",           // quoted value that is not a token
        "bad; x=\"\", good",              // empty quoted value is not a token
        "bad; x=1 2, good",               // junk after a value
        "bad; x=@, good",                 // separator as value
        "bad;; x, good",                  // empty parameter
    })
    void malformedElementIsDroppedAndTheNextKept(String header) {
        assertEquals(List.of(new ExtensionOffer("good")), parse(header));
    }

    @Test
    void unterminatedQuoteDropsOnlyTheRestOfThatLine() {
        List<ExtensionOffer> offers = parse("first, bad; x=\"10, never", "second");
        assertEquals(List.of("first", "second"), offers.stream().map(ExtensionOffer::name).toList());
    }

    @Test
    void nullOrEmptyInputGivesNoOffers() {
        assertTrue(ExtensionHeader.parse(null).isEmpty());
        assertTrue(parse("").isEmpty());
        assertTrue(parse("   ").isEmpty());
    }

    @Test
    void parameterLookupTellsAbsentFromValueless() {
        ExtensionOffer offer = parse("x; flag; v=3").get(0);
        assertTrue(offer.hasParameter("flag"));
        assertNull(offer.parameter("flag"));
        assertFalse(offer.hasParameter("missing"));
        assertNull(offer.parameter("missing"));
        assertEquals("3", offer.parameter("V"));
    }

    @Test
    void formatWritesElementsBackInTheirCanonicalForm() {
        List<ExtensionOffer> offers = parse("permessage-deflate ;server_no_context_takeover;client_max_window_bits=\"10\" ,  other");
        assertEquals("permessage-deflate; server_no_context_takeover; client_max_window_bits=10, other",
                ExtensionHeader.format(offers));
        assertEquals(offers, ExtensionHeader.parse(List.of(ExtensionHeader.format(offers))));
    }

    @Test
    void nonTokenValueIsWrittenAsQuotedString() {
        ExtensionOffer offer = new ExtensionOffer("x", List.of(new Parameter("p", "a \"b\"")));
        assertEquals("x; p=\"a \\\"b\\\"\"", offer.toHeaderValue());
    }

    @Test
    void offerIsImmutable() {
        List<Parameter> params = new java.util.ArrayList<>(List.of(Parameter.flag("a")));
        ExtensionOffer offer = new ExtensionOffer("x", params);
        params.add(Parameter.flag("b"));
        assertEquals(1, offer.parameters().size());
    }
}
