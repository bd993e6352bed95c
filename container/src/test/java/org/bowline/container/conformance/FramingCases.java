package org.bowline.container.conformance;

import static org.bowline.container.conformance.Case.named;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Named;

/**
 * Autobahn family 1, both roles: messages whose lengths sit on each side of the length-encoding
 * boundaries of RFC 6455 5.2, whole, chopped into small writes, or back to back in one write; Bowline
 * must echo each one exactly.
 */
public final class FramingCases {

    private static final int[] LENGTHS = {0, 125, 126, 127, 128, 65535, 65536};

    private FramingCases() {
    }

    public static List<Named<Case>> cases() {
        List<Named<Case>> cases = new ArrayList<>();
        for (int i = 0; i < LENGTHS.length; i++) {
            int length = LENGTHS[i];
            cases.add(named("1.1." + (i + 1), "text, " + length + " bytes, one frame", p -> echo(p, Peer.TEXT, length, 0)));
        }
        cases.add(named("1.1.8", "text, 65536 bytes, written in 997-byte chops", p -> echo(p, Peer.TEXT, 65536, 997)));
        for (int i = 0; i < LENGTHS.length; i++) {
            int length = LENGTHS[i];
            cases.add(named("1.2." + (i + 1), "binary, " + length + " bytes, one frame", p -> echo(p, Peer.BINARY, length, 0)));
        }
        cases.add(named("1.2.8", "binary, 65536 bytes, written in 997-byte chops", p -> echo(p, Peer.BINARY, 65536, 997)));
        cases.add(named("1.3.1", "binary, 200 bytes, header and payload written 1 byte at a time",
                p -> echo(p, Peer.BINARY, 200, 1)));
        cases.add(named("1.3.2", "text and binary messages of every boundary length back to back in one write", p -> {
            byte[][] frames = new byte[2 * LENGTHS.length][];
            for (int i = 0; i < LENGTHS.length; i++) {
                frames[2 * i] = p.frame(true, 0, Peer.TEXT, payload(Peer.TEXT, LENGTHS[i]));
                frames[2 * i + 1] = p.frame(true, 0, Peer.BINARY, payload(Peer.BINARY, LENGTHS[i]));
            }
            p.sendRaw(Peer.concat(frames));
            for (int length : LENGTHS) {
                p.expectEcho(Peer.TEXT, payload(Peer.TEXT, length));
                p.expectEcho(Peer.BINARY, payload(Peer.BINARY, length));
            }
            p.closeNormally();
        }));
        return cases;
    }

    private static byte[] payload(int opcode, int length) {
        byte[] payload = new byte[length];
        if (opcode == Peer.TEXT) {
            Arrays.fill(payload, (byte) '*');
        } else {
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (i * 31 + 0xFE);
            }
        }
        return payload;
    }

    private static void echo(Peer p, int opcode, int length, int chop) throws Exception {
        byte[] payload = payload(opcode, length);
        byte[] frame = p.frame(true, 0, opcode, payload);
        if (chop > 0) {
            p.sendChopped(frame, chop, 0);
        } else {
            p.sendRaw(frame);
        }
        p.expectEcho(opcode, payload);
        p.closeNormally();
    }
}
