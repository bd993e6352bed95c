package org.bowline.container.server.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

/** The window-checking decoder must agree with the JDK, or the deflate cases prove nothing. */
class DeflateProbeTest {

    @Test
    void decodesJdkOutputAtEveryStrategyAndSeesItsDistances() {
        byte[] text = PermessageDeflateCasesTest.prose(new Random(2), 40_000);
        byte[] random = new byte[5_000];
        new Random(1).nextBytes(random);
        for (int level : new int[] {Deflater.NO_COMPRESSION, Deflater.BEST_SPEED, Deflater.BEST_COMPRESSION}) {
            Deflater d = new Deflater(level, true);
            DeflateProbe probe = new DeflateProbe();
            for (byte[] message : new byte[][] {text, random, text}) {
                assertArrayEquals(message, probe.inflateMessage(PermessageDeflateCasesTest.compress(d, message)));
            }
            d.end();
            if (level != Deflater.NO_COMPRESSION) {
                assertTrue(probe.maxDistance() > 5_000, "the third message repeats the first, beyond the random one");
            }
        }
    }

    @Test
    void huffmanOnlyOutputHasNoBackReferences() {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setStrategy(Deflater.HUFFMAN_ONLY);
        DeflateProbe probe = new DeflateProbe();
        byte[] text = WireClient.utf8("abcabcabc".repeat(500));
        assertArrayEquals(text, probe.inflateMessage(PermessageDeflateCasesTest.compress(d, text)));
        assertEquals(0, probe.maxDistance());
        d.end();
    }

    @Test
    void aDistanceBeforeTheStartOfTheContextIsRejected() {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] text = WireClient.utf8("context ".repeat(100));
        DeflateProbe probe = new DeflateProbe();
        probe.inflateMessage(PermessageDeflateCasesTest.compress(d, text));
        byte[] second = PermessageDeflateCasesTest.compress(d, text); // refers back into message one
        probe.reset();
        assertThrows(IllegalStateException.class, () -> probe.inflateMessage(second));
        d.end();
    }
}
