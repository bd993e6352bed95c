package org.bowline.container.client.conformance;

import java.util.stream.Stream;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.ReservedOpcodesCases;
import org.bowline.container.conformance.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.ReservedOpcodesCases}, client role: this test is the server. */
class ReservedOpcodesCasesTest extends ClientConformanceFamily {

    static Stream<Arguments> cases() {
        return overTransports(ReservedOpcodesCases.cases(), false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void failsReservedOpcodesWith1002(Transport transport, Case c) throws Exception {
        run(transport, c);
    }
}
