package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.Scenario.named;
import static org.bowline.container.server.conformance.WireClient.PING;
import static org.bowline.container.server.conformance.WireClient.TEXT;
import static org.bowline.container.server.conformance.WireClient.concat;
import static org.bowline.container.server.conformance.WireClient.frame;
import static org.bowline.container.server.conformance.WireClient.utf8;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn family 4: reserved non-control (3-7) and control (11-15) opcodes fail the connection
 * with 1002 (RFC 6455 5.2), whether or not they carry a payload.
 */
class ReservedOpcodesCasesTest extends ConformanceFamily {

    private static final int[] RESERVED = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15};

    static List<Named<Scenario>> cases() {
        List<Named<Scenario>> cases = new ArrayList<>();
        for (int opcode : RESERVED) {
            String family = opcode < 8 ? "4.1." : "4.2.";
            int index = opcode < 8 ? opcode - 2 : opcode - 10;
            cases.add(named(family + (2 * index - 1), "opcode " + opcode + " without payload fails with 1002", c -> {
                c.send(opcode, new byte[0]);
                c.expectFailure(1002);
            }));
        }
        return cases;
    }

    /** A valid message in the same write as the reserved opcode: its echo must come before the 1002. */
    static List<Named<Scenario>> casesWithAMessageBeforeTheBadFrame() {
        List<Named<Scenario>> cases = new ArrayList<>();
        for (int opcode : RESERVED) {
            String family = opcode < 8 ? "4.1." : "4.2.";
            int index = opcode < 8 ? opcode - 2 : opcode - 10;
            cases.add(named(family + (2 * index), "echo, then opcode " + opcode + " with payload, then ping: echo, 1002, no pong", c -> {
                c.sendRaw(concat(frame(true, 0, TEXT, utf8("Hello, world!")), frame(true, 0, opcode, utf8("reserved payload")),
                        frame(true, 0, PING, utf8("Hello, world!"))));
                c.expectEcho("Hello, world!");
                c.expectFailure(1002);
            }));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithAMessageBeforeTheBadFrame")
    void echoesWhatPrecededTheBadFrameBeforeFailing(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsReservedOpcodes(Scenario scenario) throws Exception {
        runOnNewConnection(scenario);
    }
}
