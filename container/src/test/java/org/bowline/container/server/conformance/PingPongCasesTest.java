package org.bowline.container.server.conformance;

import java.util.stream.Stream;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.PingPongCases;
import org.bowline.container.conformance.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.PingPongCases}, server role: this test is the client. */
class PingPongCasesTest extends ConformanceFamily {

    static Stream<Arguments> cases() {
        return overTransports(PingPongCases.cases(), false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void answersPingsAndIgnoresPongs(Transport transport, Case c) throws Exception {
        run(transport, c);
    }
}
