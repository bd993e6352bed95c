package org.bowline.container.server.conformance;

import org.bowline.container.conformance.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.CloseCases}, server role: this test is the client. */
class CloseCasesTest extends ConformanceFamily {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bowline.container.conformance.CloseCases#cases")
    void closesStrictly(Case c) throws Exception {
        run(c);
    }
}
