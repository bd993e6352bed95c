package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OriginAllowListTest {

    private final OriginAllowList list = OriginAllowList.of(List.of(
            "https://chat.example.org", "http://localhost:8080", "*.example.com", "https://*.secure.net:8443"));

    @Test
    void exactOriginsMatchSchemeHostAndPort() {
        assertTrue(list.allows("https://chat.example.org"));
        assertTrue(list.allows("https://CHAT.example.org:443"));
        assertTrue(list.allows("http://localhost:8080"));
        assertFalse(list.allows("http://chat.example.org"));
        assertFalse(list.allows("https://chat.example.org:8443"));
        assertFalse(list.allows("http://localhost:8081"));
        assertFalse(list.allows("https://evil-chat.example.org"));
    }

    @Test
    void aWildcardMatchesSubdomainsOnlyAndItsSchemeAndPort() {
        assertTrue(list.allows("https://app.example.com"));
        assertTrue(list.allows("http://a.b.example.com"));
        assertFalse(list.allows("https://example.com"));
        assertFalse(list.allows("https://evilexample.com"));
        assertFalse(list.allows("https://app.example.com.evil.org"));
        assertFalse(list.allows("https://app.example.com:444"));
        assertTrue(list.allows("https://x.secure.net:8443"));
        assertFalse(list.allows("http://x.secure.net:8443"));
        assertFalse(list.allows("https://x.secure.net"));
    }

    @Test
    void malformedAndNullOriginsAreRefusedAndAMissingHeaderIsNotJudged() {
        assertFalse(list.allows("null"));
        assertFalse(list.allows("not a url"));
        assertFalse(list.allows("https://chat.example.org/path"));
        assertTrue(list.allows(null));
        assertTrue(OriginAllowList.of(List.of("null")).allows("null"));
    }

    @Test
    void aBadEntryIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OriginAllowList.of(List.of("example.com")));
        assertTrue(e.getMessage().contains("'example.com'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OriginAllowList.of(List.of("https://*")));
        assertThrows(IllegalArgumentException.class, () -> OriginAllowList.of(List.of("https://a.com:port")));
    }
}
