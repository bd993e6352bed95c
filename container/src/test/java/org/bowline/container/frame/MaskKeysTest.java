package org.bowline.container.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 section 10.3: masking keys must be unpredictable, i.e. come from a strong source. */
class MaskKeysTest {

    /** Counts how often the strong source is asked for bytes. */
    private static final class CountingRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        int calls;

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            calls++;
            super.nextBytes(bytes);
        }
    }

    @Test
    void keysComeFromTheSecureSourceOneBlockAtATime() {
        CountingRandom source = new CountingRandom();
        MaskKeys keys = new MaskKeys(source);
        for (int i = 0; i < 640; i++) {
            keys.next();
        }
        assertEquals(10, source.calls, "64 keys per call into SecureRandom, not one call per frame");
    }

    @Test
    void keysDoNotRepeatAcrossBlockRefills() {
        MaskKeys keys = new MaskKeys();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            seen.add(keys.next());
        }
        // With 32 random bits, 5000 draws collide about 0.003 times on average.
        assertTrue(seen.size() >= 4995, "distinct keys: " + seen.size());
    }

    @Test
    void everyKeyBitVaries() {
        MaskKeys keys = new MaskKeys();
        int[] ones = new int[32];
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            int k = keys.next();
            for (int bit = 0; bit < 32; bit++) {
                ones[bit] += (k >>> bit) & 1;
            }
        }
        for (int bit = 0; bit < 32; bit++) {
            // 10,000 expected, standard deviation ~71: 8,000..12,000 is a failure only for a broken source.
            assertTrue(ones[bit] > 8_000 && ones[bit] < 12_000, "bit " + bit + " set " + ones[bit] + " times");
        }
    }

    @Test
    void sharedInstanceHandsEachKeyOutOnce() throws Exception {
        CountingRandom source = new CountingRandom();
        MaskKeys keys = new MaskKeys(source);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int added = 0;
                    for (int i = 0; i < 1600; i++) {
                        if (seen.add(keys.next())) {
                            added++;
                        }
                    }
                    return added;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertTrue(total >= 6390, "distinct keys across threads: " + total);
            assertEquals(100, source.calls, "6400 keys = exactly 100 blocks when no draw is lost or repeated");
        } finally {
            pool.shutdownNow();
        }
    }
}
