package org.bowline.container.extension;

import static org.bowline.container.extension.DeflateTestSupport.agree;
import static org.bowline.container.extension.DeflateTestSupport.bytes;
import static org.bowline.container.extension.DeflateTestSupport.hex;
import static org.bowline.container.extension.DeflateTestSupport.inflateMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The worked examples of RFC 7692 section 7.2.3, hand-copied from the RFC text. */
class Rfc7692ExamplesTest {

    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    @Test
    void section7_2_3_1_helloCompressesToTheRfcBytes() {
        try (MessageDeflater deflater = agree("permessage-deflate").newDeflater(true)) {
            assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), bytes(deflater.deflate(ByteBuffer.wrap(HELLO), true)));
        }
    }

    @Test
    void section7_2_3_1_helloInflatesFromTheRfcBytes() throws Exception {
        try (MessageInflater inflater = agree("permessage-deflate").newInflater(true, 1 << 20)) {
            assertArrayEquals(HELLO, inflateMessage(inflater, hex("f2 48 cd c9 c9 07 00")));
        }
    }

    @Test
    void section7_2_3_1_fragmentedHelloInflates() throws Exception {
        try (MessageInflater inflater = agree("permessage-deflate").newInflater(true, 1 << 20)) {
            assertArrayEquals(HELLO, inflateMessage(inflater, hex("f2 48 cd"), hex("c9 c9 07 00")));
        }
    }

    @Test
    void section7_2_3_2_secondHelloReusesTheSlidingWindow() throws Exception {
        try (MessageDeflater deflater = agree("permessage-deflate").newDeflater(true);
             MessageInflater inflater = agree("permessage-deflate").newInflater(false, 1 << 20)) {
            byte[] first = bytes(deflater.deflate(ByteBuffer.wrap(HELLO), true));
            byte[] second = bytes(deflater.deflate(ByteBuffer.wrap(HELLO), true));
            assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), first);
            assertArrayEquals(hex("f2 00 11 00 00"), second);
            assertArrayEquals(HELLO, inflateMessage(inflater, first));
            assertArrayEquals(HELLO, inflateMessage(inflater, hex("f2 00 11 00 00")));
        }
    }

    @Test
    void section7_2_3_3_storedBlockInflates() throws Exception {
        try (MessageInflater inflater = agree("permessage-deflate").newInflater(true, 1 << 20)) {
            assertArrayEquals(HELLO, inflateMessage(inflater, hex("00 05 00 fa ff 48 65 6c 6c 6f 00")));
        }
    }

    @Test
    void section7_2_3_4_blockWithBfinalInflatesAndTheNextMessageStillWorks() throws Exception {
        try (MessageInflater inflater = agree("permessage-deflate").newInflater(true, 1 << 20)) {
            assertArrayEquals(HELLO, inflateMessage(inflater, hex("f3 48 cd c9 c9 07 00 00")));
            assertArrayEquals(HELLO, inflateMessage(inflater, hex("f2 48 cd c9 c9 07 00")));
        }
    }

    @Test
    void section7_2_3_5_twoBlocksInOneMessageInflate() throws Exception {
        try (MessageInflater inflater = agree("permessage-deflate").newInflater(true, 1 << 20)) {
            assertArrayEquals(HELLO, inflateMessage(inflater, hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00")));
        }
    }

    @Test
    void section7_2_3_6_emptyMessageIsASingleZeroOctet() throws Exception {
        try (MessageDeflater deflater = agree("permessage-deflate").newDeflater(true);
             MessageInflater inflater = agree("permessage-deflate").newInflater(false, 1 << 20)) {
            assertArrayEquals(hex("00"), bytes(deflater.deflate(ByteBuffer.allocate(0), true)));
            assertArrayEquals(new byte[0], inflateMessage(inflater, hex("00")));
            // after a message has been flushed zlib writes nothing for empty input: still 0x00
            deflater.deflate(ByteBuffer.wrap(HELLO), true);
            assertArrayEquals(hex("00"), bytes(deflater.deflate(ByteBuffer.allocate(0), true)));
        }
    }
}
