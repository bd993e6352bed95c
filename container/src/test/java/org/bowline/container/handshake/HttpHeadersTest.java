package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    @Test
    void namesAreCaseInsensitiveAndValuesKeepArrivalOrder() {
        HttpHeaders h = new HttpHeaders();
        h.add("Sec-WebSocket-Protocol", "a");
        h.add("sec-websocket-protocol", "b");
        assertEquals("a", h.first("SEC-WEBSOCKET-PROTOCOL"));
        assertEquals(List.of("a", "b"), h.all("Sec-Websocket-Protocol"));
        assertTrue(h.contains("sec-websocket-PROTOCOL"));
        assertNull(h.first("Absent"));
        assertEquals(List.of(), h.all("Absent"));
        assertEquals(List.of("Sec-WebSocket-Protocol"), List.copyOf(h.names()), "first spelling wins");
    }

    @Test
    void namesKeepInsertionOrder() {
        HttpHeaders h = new HttpHeaders();
        h.add("Zeta", "1");
        h.add("Alpha", "2");
        h.add("zeta", "3");
        assertEquals(List.of("Zeta", "Alpha"), List.copyOf(h.names()));
    }

    @Test
    void setReplacesAllValuesInPlace() {
        HttpHeaders h = new HttpHeaders();
        h.add("A", "1");
        h.add("B", "2");
        h.add("a", "3");
        h.set("A", "x");
        assertEquals(List.of("x"), h.all("a"));
        assertEquals(List.of("A", "B"), List.copyOf(h.names()));
    }

    @Test
    void tokensSplitAllValuesOnCommasAndDropEmptyOnes() {
        HttpHeaders h = new HttpHeaders();
        h.add("Connection", "keep-alive, Upgrade");
        h.add("Connection", " ,\tclose ,, ");
        assertEquals(List.of("keep-alive", "Upgrade", "close"), h.tokens("connection"));
        assertTrue(h.hasToken("Connection", "upgrade"));
        assertFalse(h.hasToken("Connection", "upgr"));
        assertEquals(List.of(), h.tokens("Absent"));
    }

    @Test
    void hasTokenSeesWhatTokensHoldsAndNothingElse() {
        HttpHeaders h = new HttpHeaders();
        h.add("Connection", "keep-alive, Upgrade");
        h.add("Connection", " ,\tclose ,, ");
        for (String token : List.of("keep-alive", "KEEP-ALIVE", "upgrade", "close")) {
            assertTrue(h.hasToken("connection", token), token);
        }
        for (String token : List.of("", " ", "keep", "alive", "close ,", "Upgrade,", "keep-alive, Upgrade")) {
            assertFalse(h.hasToken("Connection", token), "'" + token + "'");
        }
        assertFalse(h.hasToken("Absent", "close"));
    }

    @Test
    void asMapIsReadOnlyCaseInsensitiveAndOrdered() {
        HttpHeaders h = new HttpHeaders();
        h.add("Sec-WebSocket-Protocol", "a");
        h.add("SEC-WEBSOCKET-PROTOCOL", "b");
        Map<String, List<String>> map = h.asMap();
        assertEquals(List.of("a", "b"), map.get("sec-websocket-protocol"));
        assertTrue(map.containsKey("Sec-Websocket-Protocol"));
        assertThrows(UnsupportedOperationException.class, () -> map.put("X", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> map.get("Sec-WebSocket-Protocol").add("c"));
        assertThrows(UnsupportedOperationException.class, () -> h.all("Sec-WebSocket-Protocol").add("c"));
    }

    @Test
    void valuesThatCouldSplitAHeadAreRefused() {
        HttpHeaders h = new HttpHeaders();
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\r\nSet-Cookie: evil"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X", "a\u0000"));
        assertThrows(IllegalArgumentException.class, () -> h.set("X", "\u20ac"), "not ISO-8859-1");
        assertThrows(IllegalArgumentException.class, () -> h.add("Bad Name", "v"));
        assertThrows(IllegalArgumentException.class, () -> h.add("", "v"));
        assertThrows(IllegalArgumentException.class, () -> h.add("X", null));
        h.add("X", "tab\tand caf\u00e9");
        assertEquals("tab\tand caf\u00e9", h.first("x"));
    }

    @Test
    void fromMapAndCopyAreIndependent() {
        Map<String, List<String>> source = new java.util.LinkedHashMap<>();
        source.put("A", new ArrayList<>(List.of("1", "2")));
        source.put("B", null);
        HttpHeaders h = HttpHeaders.fromMap(source);
        assertEquals(List.of("1", "2"), h.all("a"));
        assertFalse(h.contains("B"));
        HttpHeaders copy = h.copy();
        copy.add("A", "3");
        assertEquals(List.of("1", "2"), h.all("A"));
        assertTrue(h.remove("a"));
        assertFalse(h.remove("a"));
        assertTrue(h.isEmpty());
    }
}
