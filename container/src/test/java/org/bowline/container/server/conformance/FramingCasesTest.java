package org.bowline.container.server.conformance;

import org.bowline.container.conformance.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.FramingCases}, server role: this test is the client. */
class FramingCasesTest extends ConformanceFamily {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bowline.container.conformance.FramingCases#cases")
    void echoesEveryLengthEncoding(Case c) throws Exception {
        run(c);
    }
}
