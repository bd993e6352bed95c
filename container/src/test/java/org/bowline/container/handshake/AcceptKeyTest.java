package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Random;

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
        assertFalse(AcceptKey.isValidKey("dGhlIHNhbXBsZSBub25jZ==="), "padding inside the 22 characters");
        assertFalse(AcceptKey.isValidKey("dGhlIHNhbXBsZSBub25jZ-=="), "the URL-safe alphabet");
    }

    @Test
    void aKeyIsValidExactlyWhenThePaddedBase64DecoderMakesSixteenBytesOfIt() {
        Random random = new Random(6455);
        String alphabet = "ABCz09+/-_=.";
        for (int n = 0; n < 20_000; n++) {
            char[] key = new char[24];
            for (int i = 0; i < key.length; i++) {
                key[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            if (n % 2 == 0) {
                key[22] = '=';
                key[23] = '=';
            }
            String k = new String(key);
            boolean decodes;
            try {
                decodes = Base64.getDecoder().decode(k).length == 16;
            } catch (IllegalArgumentException e) {
                decodes = false;
            }
            assertEquals(decodes, AcceptKey.isValidKey(k), k);
        }
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
