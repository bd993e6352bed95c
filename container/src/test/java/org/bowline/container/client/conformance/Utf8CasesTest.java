package org.bowline.container.client.conformance;

import java.util.stream.Stream;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.Utf8Cases;
import org.bowline.container.conformance.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link org.bowline.container.conformance.Utf8Cases}, client role: this test is the server. */
class Utf8CasesTest extends ClientConformanceFamily {

    static Stream<Arguments> cases() {
        return overTransports(Utf8Cases.cases(), false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void validatesUtf8AndFailsFast(Transport transport, Case c) throws Exception {
        run(transport, c);
    }
}
