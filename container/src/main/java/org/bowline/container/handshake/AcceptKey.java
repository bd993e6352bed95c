package org.bowline.container.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The {@code Sec-WebSocket-Key} / {@code Sec-WebSocket-Accept} pair of RFC 6455 sections 4.1 and 4.2.2. */
public final class AcceptKey {

    /** The GUID every endpoint appends to the key before hashing (RFC 6455 section 1.3). */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte[] GUID_BYTES = GUID.getBytes(StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One digest per thread, reused: looking SHA-1 up among the security providers for every handshake
     * costs more than hashing 60 bytes.
     */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(AcceptKey::newSha1);

    private AcceptKey() {
    }

    /** {@code base64(SHA-1(secWebSocketKey + GUID))}: the server's {@code Sec-WebSocket-Accept}. */
    public static String of(String secWebSocketKey) {
        return new String(bytesOf(secWebSocketKey), StandardCharsets.US_ASCII);
    }

    /** {@link #of} as the 28 US-ASCII bytes that go on the wire. */
    static byte[] bytesOf(String secWebSocketKey) {
        MessageDigest sha1 = SHA1.get();
        sha1.update(secWebSocketKey.getBytes(StandardCharsets.US_ASCII));
        sha1.update(GUID_BYTES);
        return Base64.getEncoder().encode(sha1.digest());   // digest() also resets it for the next one
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 (MessageDigest Javadoc).
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /**
     * Whether {@code key} is a valid {@code Sec-WebSocket-Key}: padded base64 that decodes to
     * exactly 16 bytes (RFC 6455 section 4.1, item 7). That is always 24 characters ending in
     * {@code ==}; unpadded forms, which Java's decoder would also take, are refused.
     */
    public static boolean isValidKey(String key) {
        if (key == null || key.length() != 24 || !key.endsWith("==")) {
            return false;
        }
        // 22 characters of the base64 alphabet then "==" is what decodes to 16 bytes (the last character's
        // low bits are padding, which Java's decoder, and so this check, does not require to be zero).
        for (int i = 0; i < 22; i++) {
            if (!isBase64(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /** A fresh key for a client: 16 random bytes, base64. */
    public static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }
}
