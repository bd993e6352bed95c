package org.bowline.container.client.conformance;

import org.bowline.container.conformance.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.FramingCases}, client role: this test is the server. */
class FramingCasesTest extends ClientConformanceFamily {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bowline.container.conformance.FramingCases#cases")
    void echoesEveryLengthEncoding(Case c) throws Exception {
        run(c);
    }
}
