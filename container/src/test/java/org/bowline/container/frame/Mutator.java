package org.bowline.container.frame;

import java.util.Arrays;
import java.util.Random;

/**
 * The seeded mutation loop the fuzz tests share (Jazzer's JUnit runner needs an agent this build does not
 * set up; a seeded loop runs everywhere and reproduces from one number). Each case starts from a valid
 * input of the target's corpus and applies one to four mutations: flip a bit, overwrite a byte with an
 * interesting value, insert random bytes, delete or duplicate a range, truncate. How long each target
 * runs: {@code -Dbowline.fuzz.seconds} (default 2, the CI run); the first case's seed:
 * {@code -Dbowline.fuzz.seed}. A failure names the case seed, which replays it alone.
 */
public final class Mutator {

    private static final int[] INTERESTING = {0x00, 0x01, 0x7E, 0x7F, 0x80, 0x81, 0x88, 0x89, 0x8A, 0xC0, 0xC1,
            0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF, 0x0D, 0x0A, 0x3A, 0x20};

    private Mutator() {
    }

    public static long seconds() {
        return Long.getLong("bowline.fuzz.seconds", 2);
    }

    public static long firstSeed(long fallback) {
        return Long.getLong("bowline.fuzz.seed", fallback);
    }

    public static byte[] mutate(byte[] input, Random random) {
        byte[] b = input;
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[random.nextInt(b.length)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                }
                case 2 -> {
                    int at = b.length == 0 ? 0 : random.nextInt(b.length + 1);
                    byte[] extra = new byte[1 + random.nextInt(16)];
                    random.nextBytes(extra);
                    byte[] out = new byte[b.length + extra.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(extra, 0, out, at, extra.length);
                    System.arraycopy(b, at, out, at + extra.length, b.length - at);
                    b = out;
                }
                case 3 -> {
                    if (b.length > 1) {
                        int from = random.nextInt(b.length);
                        int to = Math.min(b.length, from + 1 + random.nextInt(16));
                        byte[] out = new byte[b.length - (to - from)];
                        System.arraycopy(b, 0, out, 0, from);
                        System.arraycopy(b, to, out, from, b.length - to);
                        b = out;
                    }
                }
                case 4 -> {
                    if (b.length > 1) {
                        int from = random.nextInt(b.length);
                        int to = Math.min(b.length, from + 1 + random.nextInt(64));
                        byte[] out = new byte[b.length + (to - from)];
                        System.arraycopy(b, 0, out, 0, to);
                        System.arraycopy(b, from, out, to, b.length - from);
                        b = out;
                    }
                }
                default -> {
                    if (b.length > 1) {
                        b = Arrays.copyOf(b, random.nextInt(b.length));
                    }
                }
            }
        }
        return b;
    }

    /** Cuts {@code length} bytes into random chunks (any chunking must parse the same). */
    public static int nextChunk(Random random, int left) {
        return left <= 1 ? left : 1 + random.nextInt(random.nextBoolean() ? Math.min(left, 8) : left);
    }
}
