package org.bowline.container.client.conformance;

import org.bowline.container.conformance.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.PingPongCases}, client role: this test is the server. */
class PingPongCasesTest extends ClientConformanceFamily {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bowline.container.conformance.PingPongCases#cases")
    void answersPingsAndIgnoresPongs(Case c) throws Exception {
        run(c);
    }
}
