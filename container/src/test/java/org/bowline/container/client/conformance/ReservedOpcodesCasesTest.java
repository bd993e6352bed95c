package org.bowline.container.client.conformance;

import static org.bowline.container.client.conformance.Scenario.named;
import static org.bowline.container.client.conformance.WireServer.PING;
import static org.bowline.container.client.conformance.WireServer.TEXT;
import static org.bowline.container.client.conformance.WireServer.concat;
import static org.bowline.container.client.conformance.WireServer.frame;
import static org.bowline.container.client.conformance.WireServer.utf8;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 4, client role: reserved non-control (3-7) and control (11-15) opcodes fail the
 * connection with 1002 (RFC 6455 5.2), whether or not they carry a payload, after the echo of what
 * came before them.
 */
class ReservedOpcodesCasesTest extends ClientConformanceFamily {

    private static final int[] RESERVED = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15};

    static List<Named<Scenario>> cases() {
        List<Named<Scenario>> cases = new ArrayList<>();
        for (int opcode : RESERVED) {
            String family = opcode < 8 ? "4.1." : "4.2.";
            int index = opcode < 8 ? opcode - 2 : opcode - 10;
            cases.add(named(family + (2 * index - 1), "opcode " + opcode + " without payload fails with 1002", s -> {
                s.send(opcode, new byte[0]);
                s.expectFailure(1002);
            }));
            cases.add(named(family + (2 * index), "echo, then opcode " + opcode + " with payload, then ping, in one write: echo, 1002, no pong", s -> {
                s.sendRaw(concat(frame(true, 0, TEXT, utf8("Hello, world!")), frame(true, 0, opcode, utf8("reserved payload")),
                        frame(true, 0, PING, utf8("Hello, world!"))));
                s.expectEcho("Hello, world!");
                s.expectFailure(1002);
            }));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsReservedOpcodesWith1002(Scenario scenario) throws Exception {
        runCase(scenario);
    }
}
