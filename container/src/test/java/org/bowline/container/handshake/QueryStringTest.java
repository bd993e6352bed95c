package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void absentOrEmptyQueryHasNoParameters() {
        assertTrue(QueryString.parse(null).isEmpty());
        assertTrue(QueryString.parse("").isEmpty());
        assertTrue(QueryString.parse("&&").isEmpty());
    }

    @Test
    void percentEscapesDecodeAsUtf8AndPlusIsASpace() {
        Map<String, List<String>> p = QueryString.parse("name=J%C3%BCrgen+M%c3%BCller&emoji=%F0%9F%98%80&a%2Bb=1%2B1");
        assertEquals(List.of("J\u00fcrgen M\u00fcller"), p.get("name"));
        assertEquals(List.of("\ud83d\ude00"), p.get("emoji"));
        assertEquals(List.of("1+1"), p.get("a+b"));
    }

    @Test
    void orderOfNamesAndValuesIsKept() {
        Map<String, List<String>> p = QueryString.parse("z=1&a=2&z=3&m=4");
        assertEquals(List.of("z", "a", "m"), List.copyOf(p.keySet()));
        assertEquals(List.of("1", "3"), p.get("z"));
    }

    @Test
    void parameterWithoutEqualsHasEmptyValue() {
        Map<String, List<String>> p = QueryString.parse("flag&x=&=orphan&y=a=b");
        assertEquals(List.of(""), p.get("flag"));
        assertEquals(List.of(""), p.get("x"));
        assertEquals(List.of("a=b"), p.get("y"), "only the first = separates");
        assertEquals(List.of("flag", "x", "y"), List.copyOf(p.keySet()), "empty names are dropped");
    }

    @Test
    void malformedEscapesAreKeptLiterallyAndBadUtf8IsReplaced() {
        Map<String, List<String>> p = QueryString.parse("a=100%&b=%zz&c=%4&d=%FF&e=%\u0661\u0662");
        assertEquals(List.of("100%"), p.get("a"));
        assertEquals(List.of("%zz"), p.get("b"));
        assertEquals(List.of("%4"), p.get("c"));
        assertEquals(List.of("\ufffd"), p.get("d"));
        assertEquals(List.of("%\u0661\u0662"), p.get("e"), "only ASCII hex digits form an escape");
    }

    @Test
    void alreadyDecodedNonAsciiCharactersPassThrough() {
        assertEquals(List.of("caf\u00e9 \ud83d\ude00"), QueryString.parse("q=caf\u00e9+\ud83d\ude00").get("q"));
    }

    @Test
    void resultIsReadOnly() {
        Map<String, List<String>> p = QueryString.parse("a=1");
        assertThrows(UnsupportedOperationException.class, () -> p.put("b", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> p.get("a").add("2"));
    }
}
