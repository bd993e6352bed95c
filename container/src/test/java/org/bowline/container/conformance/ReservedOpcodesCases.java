package org.bowline.container.conformance;

import static org.bowline.container.conformance.Case.named;
import static org.bowline.container.conformance.Peer.PING;
import static org.bowline.container.conformance.Peer.TEXT;
import static org.bowline.container.conformance.Peer.concat;
import static org.bowline.container.conformance.Peer.utf8;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Named;

/**
 * Autobahn family 4, both roles: reserved non-control (3-7) and control (11-15) opcodes fail the
 * connection with 1002 (RFC 6455 5.2), whether or not they carry a payload, after the echo of what
 * came before them.
 */
public final class ReservedOpcodesCases {

    private static final int[] RESERVED = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15};

    private ReservedOpcodesCases() {
    }

    public static List<Named<Case>> cases() {
        List<Named<Case>> cases = new ArrayList<>();
        for (int opcode : RESERVED) {
            String family = opcode < 8 ? "4.1." : "4.2.";
            int index = opcode < 8 ? opcode - 2 : opcode - 10;
            cases.add(named(family + (2 * index - 1), "opcode " + opcode + " without payload fails with 1002", p -> {
                p.send(opcode, new byte[0]);
                p.expectFailure(1002);
            }));
            cases.add(named(family + (2 * index), "echo, then opcode " + opcode
                    + " with payload, then ping, in one write: echo, 1002, no pong", p -> {
                        p.sendRaw(concat(p.frame(true, 0, TEXT, utf8("Hello, world!")),
                                p.frame(true, 0, opcode, utf8("reserved payload")),
                                p.frame(true, 0, PING, utf8("Hello, world!"))));
                        p.expectEcho("Hello, world!");
                        p.expectFailure(1002);
                    }));
        }
        return cases;
    }
}
