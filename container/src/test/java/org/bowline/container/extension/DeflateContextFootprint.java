package org.bowline.container.extension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bowline.container.frame.ProtocolException;

/**
 * Measures what idle permessage-deflate connections cost: creates N deflater+inflater pairs,
 * each having compressed and inflated one message, keeps them open and reports resident-set
 * growth (VmRSS) and heap growth per pair. Not a unit test; run with
 * {@code java -cp target/classes:target/test-classes org.bowline.container.extension.DeflateContextFootprint [pairs [messageBytes]]}.
 */
public final class DeflateContextFootprint {

    private DeflateContextFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int messageSize = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        measure("context takeover (contexts kept)", "permessage-deflate", pairs, messageSize);
        measure("no context takeover both ways (released after each message)",
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover", pairs, messageSize);
    }

    private static void measure(String label, String offer, int pairs, int messageSize) throws IOException, ProtocolException {
        DeflateAgreement agreement = DeflateTestSupport.agree(offer);
        byte[] message = DeflateTestSupport.text(42, messageSize);
        InflateSink discard = chunk -> chunk.position(chunk.limit());
        settle();
        long rssBefore = rssKiB();
        long heapBefore = heapUsed();
        List<AutoCloseable> keep = new ArrayList<>(2 * pairs);
        for (int i = 0; i < pairs; i++) {
            // server deflates towards a client; its inflater reads the client's messages
            MessageDeflater deflater = agreement.newDeflater(true);
            MessageInflater inflater = agreement.newInflater(true, 1 << 20);
            ByteBuffer payload = deflater.deflate(ByteBuffer.wrap(message), true);
            inflater.inflate(payload, discard);
            inflater.endMessage(discard);
            keep.add(deflater);
            keep.add(inflater);
        }
        settle();
        long rssAfter = rssKiB();
        long heapAfter = heapUsed();
        System.out.printf("%s, %d-byte message: %d pairs, RSS +%d KiB (%.1f KiB/pair), heap +%d KiB (%.2f KiB/pair)%n",
                label, messageSize, pairs, rssAfter - rssBefore, (rssAfter - rssBefore) / (double) pairs,
                (heapAfter - heapBefore) / 1024, (heapAfter - heapBefore) / 1024.0 / pairs);
        for (AutoCloseable c : keep) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        keep.clear();
    }

    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
