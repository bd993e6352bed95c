package org.bowline.container.conformance;

import static org.bowline.container.conformance.Case.named;
import static org.bowline.container.conformance.Peer.BINARY;
import static org.bowline.container.conformance.Peer.CONTINUATION;
import static org.bowline.container.conformance.Peer.TEXT;
import static org.bowline.container.conformance.Peer.concat;
import static org.bowline.container.conformance.Peer.utf8;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Named;

/**
 * Autobahn family 9, both roles: large messages and many messages within the role's message limit,
 * and messages beyond it, which fail the connection with 1009 as soon as the announced length shows
 * it (RFC 6455 7.4.1), without waiting for payload that may never come. The two roles run with
 * different limits (the server's echo targets take 64 MiB, the client is kept to a few MiB on a
 * shared machine), so sizes are fractions of {@link Limit#maxMessage()}. Nothing here measures time;
 * a case fails only on a wrong echo, a wrong close code or a stalled connection.
 */
public final class LimitsCases {

    private static final int MIB = 1024 * 1024;

    /**
     * What a role's Bowline endpoint is configured with: its largest text and binary message, and how
     * long the peer waits for a reply to a large or long case (a loaded machine is not a protocol failure).
     */
    public record Limit(int maxMessage, int slowReplyMillis) {
        public Limit {
            if (maxMessage < 4 * MIB || maxMessage % MIB != 0) {
                throw new IllegalArgumentException("the cases need a limit of whole MiB, at least 4: " + maxMessage);
            }
            if (slowReplyMillis <= 0) {
                throw new IllegalArgumentException("slowReplyMillis must be positive: " + slowReplyMillis);
            }
        }
    }

    private LimitsCases() {
    }

    public static List<Named<Case>> cases(Limit limit) {
        int max = limit.maxMessage();
        int wait = limit.slowReplyMillis();
        return List.of(
                named("9.1.1", "text of a quarter of the limit in one frame", p -> echo(p, wait, TEXT, max / 4, Integer.MAX_VALUE)),
                named("9.1.2", "text of a quarter of the limit in 64 KiB frames", p -> echo(p, wait, TEXT, max / 4, 64 * 1024)),
                named("9.1.3", "text of half the limit in one frame", p -> echo(p, wait, TEXT, max / 2, Integer.MAX_VALUE)),
                named("9.1.4", "text of half the limit in 64 KiB frames", p -> echo(p, wait, TEXT, max / 2, 64 * 1024)),
                named("9.2.1", "binary of a quarter of the limit in one frame", p -> echo(p, wait, BINARY, max / 4, Integer.MAX_VALUE)),
                named("9.2.2", "binary of a quarter of the limit in 64 KiB frames", p -> echo(p, wait, BINARY, max / 4, 64 * 1024)),
                named("9.2.3", "binary of half the limit in one frame", p -> echo(p, wait, BINARY, max / 2, Integer.MAX_VALUE)),
                named("9.2.4", "binary of half the limit in 4 KiB frames", p -> echo(p, wait, BINARY, max / 2, 4 * 1024)),
                named("9.3.1", "binary of exactly the limit in one frame", p -> echo(p, wait, BINARY, max, Integer.MAX_VALUE)),
                named("9.3.2", "text of exactly the limit in 512 KiB frames", p -> echo(p, wait, TEXT, max, 512 * 1024)),
                named("9.4.1", "multi-byte text of a sixteenth of the limit in one frame", p -> {
                    byte[] text = utf8("κόσμε😀€ß".repeat(max / 16 / 19));
                    p.send(TEXT, text);
                    p.expectEcho(TEXT, text);
                    p.closeNormally();
                }),
                named("9.4.2", "multi-byte text of half the limit in one frame", p -> {
                    p.setTimeout(wait);
                    byte[] text = utf8("κόσμε😀€ß".repeat(max / 2 / 19));
                    p.send(TEXT, text);
                    p.expectEcho(TEXT, text);
                    p.closeNormally();
                }),
                named("9.5.1", "binary one byte over the limit, header only: 1009 before the payload", p -> {
                    p.sendRaw(p.header(true, 0, BINARY, max + 1L));
                    p.expectFailure(1009);
                }),
                named("9.5.2", "text announcing 2^63-1 bytes: 1009 before the payload", p -> {
                    p.sendRaw(p.header(true, 0, TEXT, Long.MAX_VALUE));
                    p.expectFailure(1009);
                }),
                named("9.5.3", "fragmented binary crossing the limit: 1009 at the header of the fragment that crosses it", p -> {
                    p.setTimeout(wait);
                    byte[] part = payload(BINARY, MIB);
                    for (int i = 0; i < max / MIB; i++) {
                        p.send(false, 0, i == 0 ? BINARY : CONTINUATION, part);
                    }
                    p.sendRaw(p.header(true, 0, CONTINUATION, 1));
                    p.expectFailure(1009);
                }),
                named("9.5.4", "a message within the limit is echoed before one beyond it fails with 1009", p -> {
                    p.sendRaw(concat(p.frame(true, 0, TEXT, utf8("small")), p.header(true, 0, TEXT, max + 1L)));
                    p.expectEcho("small");
                    p.expectFailure(1009);
                }),
                named("9.7.1", "1000 text messages of 1 KiB written while the echoes are read", p -> pipelined(p, wait, TEXT, 1000, 1024)),
                named("9.7.2", "500 text messages of 1 KiB written while the echoes are read", p -> pipelined(p, wait, TEXT, 500, 1024)),
                named("9.8.1", "1000 binary messages of 4 KiB written while the echoes are read", p -> pipelined(p, wait, BINARY, 1000, 4096)),
                named("9.8.2", "500 binary messages of 4 KiB written while the echoes are read", p -> pipelined(p, wait, BINARY, 500, 4096)),
                named("9.8.3", "2000 binary messages of 16 bytes written while the echoes are read", p -> pipelined(p, wait, BINARY, 2000, 16)));
    }

    private static byte[] payload(int opcode, int length) {
        byte[] data = new byte[length];
        if (opcode == TEXT) {
            for (int i = 0; i < length; i++) {
                data[i] = (byte) ('!' + i % 90);
            }
        } else {
            new Random(length).nextBytes(data);
        }
        return data;
    }

    private static void echo(Peer p, int wait, int opcode, int length, int fragment) throws Exception {
        p.setTimeout(wait);
        byte[] data = payload(opcode, length);
        if (fragment >= length) {
            p.send(opcode, data);
        } else {
            p.sendFragmented(opcode, data, fragment);
        }
        p.expectEcho(opcode, data);
        p.closeNormally();
    }

    /** Writes from a second thread so neither side can block the other on full TCP buffers. */
    private static void pipelined(Peer p, int wait, int opcode, int count, int length) throws Exception {
        p.setTimeout(wait);
        byte[][] messages = new byte[count][];
        for (int i = 0; i < count; i++) {
            messages[i] = payload(opcode, length);
            messages[i][0] = (byte) ('0' + i % 10);
        }
        Thread writer = new Thread(() -> {
            try {
                for (byte[] m : messages) {
                    p.send(opcode, m);
                }
            } catch (Exception e) {
                // the reader below reports the missing echoes
            }
        }, "conformance-peer-writer");
        writer.start();
        try {
            for (byte[] m : messages) {
                p.expectEcho(opcode, m);
            }
        } finally {
            writer.join(wait);
        }
        p.closeNormally();
    }
}
