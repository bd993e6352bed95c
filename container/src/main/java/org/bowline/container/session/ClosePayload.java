package org.bowline.container.session;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.bowline.container.frame.CloseCodes;

/** Builds close frame payloads: a two-byte code and a reason cut to fit 125 bytes. */
final class ClosePayload {

    /** 125 bytes of control payload minus the two of the code (RFC 6455 section 5.5.1). */
    static final int MAX_REASON_BYTES = 123;

    private ClosePayload() {
    }

    /** Code 1005 means "no status": the frame then carries no payload at all. */
    static ByteBuffer of(int code, String reason) {
        if (code == CloseCodes.NO_STATUS) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer payload = ByteBuffer.allocate(2 + MAX_REASON_BYTES);
        payload.putShort((short) code);
        if (reason != null && !reason.isEmpty()) {
            // Truncate on a character boundary: a cut code point would make the reason invalid UTF-8.
            CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            encoder.encode(CharBuffer.wrap(reason), payload, true);
        }
        return payload.flip();
    }
}
