package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class AcceptKeyTest {

    @Test
    void acceptMatchesTheRfc6455Example() {
        // RFC 6455 section 1.3.
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void eachAnswerOnOneThreadDependsOnlyOnItsOwnKey() {
        String first = AcceptKey.of("AQIDBAUGBwgJCgsMDQ4PEA==");
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ=="));
        assertEquals(first, AcceptKey.of("AQIDBAUGBwgJCgsMDQ4PEA=="));
    }

    @Test
    void keyMustDecodeToExactly16Bytes() {
        assertTrue(AcceptKey.isValidKey("dGhlIHNhbXBsZSBub25jZQ=="));
        assertFalse(AcceptKey.isValidKey(null));
        assertFalse(AcceptKey.isValidKey(""));
        assertFalse(AcceptKey.isValidKey("dGhlIHNhbXBsZSBub25jZQ"), "unpadded");
        assertFalse(AcceptKey.isValidKey("AQIDBAUGBwgJCgsMDQ4P"), "15 bytes");
        assertFalse(AcceptKey.isValidKey(Base64.getEncoder().encodeToString(new byte[17])), "17 bytes");
        assertFalse(AcceptKey.isValidKey("dGhlIHNhbXBsZSBub25jZQ=!"));
        assertFalse(AcceptKey.isValidKey("dGhlIHNhbXBsZSBub2$jZQ=="));
        assertFalse(AcceptKey.isValidKey(" dGhlIHNhbXBsZSBub25jZQ="));
    }

    @Test
    void newKeysAreValidAndFresh() {
        String a = AcceptKey.newKey();
        String b = AcceptKey.newKey();
        assertTrue(AcceptKey.isValidKey(a), a);
        assertTrue(AcceptKey.isValidKey(b), b);
        assertNotEquals(a, b);
    }
}
