package org.bowline.container.server.conformance;

import org.bowline.container.conformance.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.Utf8Cases}, server role: this test is the client. */
class Utf8CasesTest extends ConformanceFamily {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bowline.container.conformance.Utf8Cases#cases")
    void validatesUtf8AndFailsFast(Case c) throws Exception {
        run(c);
    }
}
