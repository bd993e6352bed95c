package org.bowline.container.server.conformance;

import java.util.stream.Stream;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.ReservedBitsCases;
import org.bowline.container.conformance.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.ReservedBitsCases}, server role: this test is the client. */
class ReservedBitsCasesTest extends ConformanceFamily {

    static Stream<Arguments> cases() {
        return overTransports(ReservedBitsCases.cases(), false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void failsReservedBitsWith1002(Transport transport, Case c) throws Exception {
        run(transport, c);
    }
}
