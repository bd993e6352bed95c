package org.bowline.container.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Jakarta WebSocket 2.2 section 3.1.1: matching precedence of endpoint paths. */
class PathMatcherTest {

    private static PathMatcher<String> matcher(String... templates) {
        PathMatcher<String> m = new PathMatcher<>();
        for (String t : templates) {
            m.add(UriTemplate.parse(t), t);
        }
        return m;
    }

    @Test
    void exactPathsMatchOnlyThemselves() {
        PathMatcher<String> m = matcher("/a", "/a/b");
        assertEquals("/a", m.match("/a").value());
        assertEquals("/a/b", m.match("/a/b").value());
        assertNull(m.match("/a/b/c"));
        assertNull(m.match("/b"));
    }

    @Test
    void theSpecExampleResolvesSegmentBySegmentFromTheLeft() {
        // The example of section 3.1.1.
        PathMatcher<String> m = matcher("/a/b/", "/a/{var}", "/{var1}/b", "/{var1}/{var2}", "/a/b/{var2}", "/{var1}/{var2}/c");
        assertEquals("/a/{var}", m.match("/a/x").value());
        assertEquals("/{var1}/b", m.match("/x/b").value());
        assertEquals("/a/{var}", m.match("/a/b").value()); // "/a/b/" has a third, empty segment
        assertEquals("/{var1}/{var2}", m.match("/x/y").value());
        assertEquals("/a/b/{var2}", m.match("/a/b/c").value());
        assertEquals("/{var1}/{var2}/c", m.match("/x/y/c").value());
    }

    @Test
    void anExactSegmentBeatsAVariableAtTheFirstDifference() {
        PathMatcher<String> m = matcher("/{x}/b", "/a/{y}");
        assertEquals("/a/{y}", m.match("/a/b").value());
    }

    @Test
    void variablesAreDecodedAndReported() {
        PathMatcher.Match<String> match = matcher("/chat/{room}/{user}").match("/chat/caf%C3%A9/a%2Fb");
        assertEquals(Map.of("room", "café", "user", "a/b"), match.pathParameters());
    }

    @Test
    void anEmptySegmentDoesNotFillAVariable() {
        assertNull(matcher("/chat/{room}").match("/chat/"));
    }

    @Test
    void malformedTemplatesAreRefusedNamingTheFault() {
        assertEquals("Endpoint path must start with '/': chat",
                assertThrows(IllegalArgumentException.class, () -> UriTemplate.parse("chat")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> UriTemplate.parse("/a{b}"));
        assertThrows(IllegalArgumentException.class, () -> UriTemplate.parse("/{}"));
        assertThrows(IllegalArgumentException.class, () -> UriTemplate.parse("/{a}/{a}"));
    }

    @Test
    void templatesMatchingTheSamePathsClash() {
        PathMatcher<String> m = matcher("/a/{x}");
        assertThrows(IllegalArgumentException.class, () -> m.add(UriTemplate.parse("/a/{y}"), "dup"));
    }
}
