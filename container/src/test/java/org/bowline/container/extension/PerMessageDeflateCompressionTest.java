package org.bowline.container.extension;

import static org.bowline.container.extension.DeflateTestSupport.TAIL;
import static org.bowline.container.extension.DeflateTestSupport.agree;
import static org.bowline.container.extension.DeflateTestSupport.bytes;
import static org.bowline.container.extension.DeflateTestSupport.concat;
import static org.bowline.container.extension.DeflateTestSupport.inflateFresh;
import static org.bowline.container.extension.DeflateTestSupport.inflateMessage;
import static org.bowline.container.extension.DeflateTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7692 section 7.2: compression, the tail rule, context takeover and window sizes. */
class PerMessageDeflateCompressionTest {

    private static boolean endsWithTail(byte[] payload) {
        return payload.length >= 4 && Arrays.equals(payload, payload.length - 4, payload.length, TAIL, 0, 4);
    }

    @Test
    void tailRule_lastFragmentDropsTheEmptyBlockTailAndOthersKeepIt() throws Exception {
        byte[] message = text(1, 3000);
        try (MessageDeflater deflater = agree("permessage-deflate").newDeflater(true)) {
            byte[] first = bytes(deflater.deflate(ByteBuffer.wrap(message, 0, 1000), false));
            byte[] last = bytes(deflater.deflate(ByteBuffer.wrap(message, 1000, 2000), true));
            assertTrue(endsWithTail(first), "a SYNC_FLUSHed fragment ends in 00 00 ff ff");
            assertFalse(endsWithTail(last), "RFC 7692 7.2.1 removes the tail of the message");
            // 7.2.2: appending the tail restores a stream any raw inflater reads
            assertArrayEquals(message, inflateFresh(concat(first, last, TAIL)));
        }
    }

    @Test
    void deflateReturnsAFreshExactHeapBufferAndConsumesTheInput() {
        ByteBuffer input = ByteBuffer.wrap(text(2, 500));
        try (MessageDeflater deflater = agree("permessage-deflate").newDeflater(false)) {
            ByteBuffer out = deflater.deflate(input, true);
            assertFalse(input.hasRemaining());
            assertEquals(0, out.position());
            assertTrue(out.hasArray());
            assertEquals(out.capacity(), out.remaining());
            assertTrue(out.remaining() < 500);
        }
    }

    @Test
    void directInputBuffersAreCompressedToo() throws Exception {
        byte[] message = text(3, 5000);
        ByteBuffer direct = ByteBuffer.allocateDirect(message.length).put(message).flip();
        try (MessageDeflater deflater = agree("permessage-deflate").newDeflater(true)) {
            assertArrayEquals(message, inflateFresh(concat(bytes(deflater.deflate(direct, true)), TAIL)));
        }
    }

    @Test
    void largeIncompressibleMessageRoundTrips() throws Exception {
        byte[] message = new byte[300_000];
        new Random(4).nextBytes(message);
        DeflateAgreement agreement = agree("permessage-deflate");
        try (MessageDeflater deflater = agreement.newDeflater(true);
             MessageInflater inflater = agreement.newInflater(false, message.length)) {
            byte[] payload = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
            assertArrayEquals(message, inflateMessage(inflater, payload));
        }
    }

    @Test
    void contextTakeover_laterMessagesReferToEarlierOnesAndInflateInOrder() throws Exception {
        DeflateAgreement agreement = agree("permessage-deflate");
        byte[] message = text(5, 2000);
        try (MessageDeflater deflater = agreement.newDeflater(false);
             MessageInflater inflater = agreement.newInflater(true, 1 << 20)) {
            byte[] first = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
            byte[] second = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
            assertTrue(second.length < first.length / 4, "the repeat is a back-reference into the last message");
            assertArrayEquals(message, inflateMessage(inflater, first));
            assertArrayEquals(message, inflateMessage(inflater, second));
            assertArrayEquals(new byte[0], inflateMessage(inflater, bytes(deflater.deflate(ByteBuffer.allocate(0), true))));
            assertArrayEquals(message, inflateMessage(inflater, bytes(deflater.deflate(ByteBuffer.wrap(message), true))));
        }
    }

    @Test
    void noContextTakeover_everyMessageInflatesWithAFreshInflater() throws Exception {
        DeflateAgreement agreement = agree("permessage-deflate; server_no_context_takeover");
        byte[] message = text(6, 2000);
        try (MessageDeflater deflater = agreement.newDeflater(true);
             MessageInflater inflater = agreement.newInflater(false, 1 << 20)) {
            for (int i = 0; i < 3; i++) {
                byte[] payload = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
                assertArrayEquals(message, inflateFresh(concat(payload, TAIL)), "message " + i);
                assertArrayEquals(message, inflateMessage(inflater, payload), "message " + i);
            }
        }
    }

    @Test
    void peerWithoutContextTakeoverIsInflatedMessageByMessage() throws Exception {
        // the client promised client_no_context_takeover; our inflater may start afresh each time
        DeflateAgreement agreement = agree("permessage-deflate; client_no_context_takeover");
        byte[] a = text(7, 1500);
        byte[] b = text(8, 1500);
        try (MessageDeflater client = agreement.newDeflater(false);
             MessageInflater server = agreement.newInflater(true, 1 << 20)) {
            assertArrayEquals(a, inflateMessage(server, bytes(client.deflate(ByteBuffer.wrap(a), true))));
            assertArrayEquals(b, inflateMessage(server, bytes(client.deflate(ByteBuffer.wrap(b), true))));
        }
    }

    @Test
    void fragmentedCompressionInflatesToTheOriginal() throws Exception {
        byte[] message = text(9, 20_000);
        DeflateAgreement agreement = agree("permessage-deflate");
        int[] cuts = {0, 1, 1, 700, 5000, 5000, 12_345, 20_000};
        try (MessageDeflater deflater = agreement.newDeflater(true);
             MessageInflater inflater = agreement.newInflater(false, message.length)) {
            for (int round = 0; round < 2; round++) {
                List<byte[]> frames = new ArrayList<>();
                for (int i = 0; i + 1 < cuts.length; i++) {
                    boolean last = i + 2 == cuts.length;
                    ByteBuffer fragment = ByteBuffer.wrap(message, cuts[i], cuts[i + 1] - cuts[i]);
                    frames.add(bytes(deflater.deflate(fragment, last)));
                }
                assertArrayEquals(message, inflateMessage(inflater, frames.toArray(new byte[0][])), "round " + round);
            }
        }
    }

    @Test
    void compressedFrameCanBeInflatedInArbitrarySlices() throws Exception {
        byte[] message = text(10, 10_000);
        DeflateAgreement agreement = agree("permessage-deflate");
        try (MessageDeflater deflater = agreement.newDeflater(true);
             MessageInflater inflater = agreement.newInflater(false, message.length)) {
            byte[] payload = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
            List<byte[]> slices = new ArrayList<>();
            for (int i = 0; i < payload.length; i += 7) {
                slices.add(Arrays.copyOfRange(payload, i, Math.min(payload.length, i + 7)));
            }
            assertArrayEquals(message, inflateMessage(inflater, slices.toArray(new byte[0][])));
        }
    }

    @ParameterizedTest(name = "server_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14})
    void windowBelow15_outputHasNoBackReferencesAndInflatesFresh(int bits) throws Exception {
        DeflateAgreement agreement = agree("permessage-deflate; server_no_context_takeover; server_max_window_bits=" + bits);
        assertEquals(bits, agreement.serverMaxWindowBits());
        byte[] message = text(bits, 40_000);
        try (MessageDeflater deflater = agreement.newDeflater(true)) {
            for (int i = 0; i < 2; i++) {
                byte[] payload = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
                DeflateStreamScanner.Result scan = DeflateStreamScanner.scan(concat(payload, TAIL));
                assertArrayEquals(message, scan.output());
                assertEquals(0, scan.backReferences(), "Huffman-only output never reaches back");
                assertArrayEquals(message, inflateFresh(concat(payload, TAIL)));
            }
        }
    }

    @ParameterizedTest(name = "client_max_window_bits={0}")
    @ValueSource(ints = {8, 11, 14})
    void clientWindowBelow15_withContextTakeover_neverReachesBeyondTheWindow(int bits) throws Exception {
        ExtensionOffer offer = PerMessageDeflate.clientOffer(true, false);
        DeflateAgreement agreement = PerMessageDeflate.acceptServerResponse(offer,
                new ExtensionOffer(PerMessageDeflate.NAME,
                        List.of(new ExtensionOffer.Parameter("client_max_window_bits", Integer.toString(bits)))));
        byte[] message = text(20 + bits, 5000);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (MessageDeflater deflater = agreement.newDeflater(false);
             MessageInflater inflater = agreement.newInflater(true, 1 << 20)) {
            assertTrue(deflater.huffmanOnly());
            for (int i = 0; i < 3; i++) {
                byte[] payload = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
                stream.writeBytes(payload);
                stream.writeBytes(TAIL);
                assertArrayEquals(message, inflateMessage(inflater, payload));
            }
        }
        DeflateStreamScanner.Result scan = DeflateStreamScanner.scan(stream.toByteArray());
        assertEquals(3 * message.length, scan.output().length);
        assertTrue(scan.maxDistance() <= 1 << bits, "max distance " + scan.maxDistance());
    }

    @Test
    void window15_usesFullCompressionWithBackReferences() throws Exception {
        DeflateAgreement agreement = agree("permessage-deflate; server_max_window_bits=15");
        byte[] message = text(30, 40_000);
        try (MessageDeflater deflater = agreement.newDeflater(true)) {
            assertFalse(deflater.huffmanOnly());
            byte[] payload = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
            DeflateStreamScanner.Result scan = DeflateStreamScanner.scan(concat(payload, TAIL));
            assertArrayEquals(message, scan.output());
            assertTrue(scan.backReferences() > 0);
            assertTrue(scan.maxDistance() <= 1 << 15);
        }
    }

    @Test
    void scannerAgreesWithTheJdkOnFullCompression() throws Exception {
        // guards the test helper itself: if it mis-decoded, the window assertions would be void
        byte[] message = text(31, 100_000);
        try (MessageDeflater deflater = agree("permessage-deflate").newDeflater(true)) {
            byte[] payload = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
            assertArrayEquals(inflateFresh(concat(payload, TAIL)), DeflateStreamScanner.scan(concat(payload, TAIL)).output());
        }
    }

    @Test
    void closedDeflaterRefusesWork() {
        MessageDeflater deflater = agree("permessage-deflate").newDeflater(true);
        deflater.close();
        deflater.close();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> deflater.deflate(ByteBuffer.allocate(1), true));
    }
}
