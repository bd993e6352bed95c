package org.bowline.container.client.conformance;

import java.util.List;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.LimitsCases;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link LimitsCases}, client role: this test is the server, the client limited to {@link #CLIENT_MAX_MESSAGE}. */
class LimitsCasesTest extends ClientConformanceFamily {

    static List<Named<Case>> cases() {
        return LimitsCases.cases(new LimitsCases.Limit(CLIENT_MAX_MESSAGE, 60_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void echoesLargeAndManyMessagesWithinTheLimits(Case c) throws Exception {
        run(c);
    }
}
