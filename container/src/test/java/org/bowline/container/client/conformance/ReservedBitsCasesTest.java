package org.bowline.container.client.conformance;

import org.bowline.container.conformance.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.ReservedBitsCases}, client role: this test is the server. */
class ReservedBitsCasesTest extends ClientConformanceFamily {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bowline.container.conformance.ReservedBitsCases#cases")
    void failsReservedBitsWith1002(Case c) throws Exception {
        run(c);
    }
}
