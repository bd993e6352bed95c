package org.bowline.container.server.conformance;

import java.util.List;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.LimitsCases;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LimitsCases}, server role: this test is the client, against an echo target that takes
 * messages of exactly 64 MiB ({@link EchoServer#limits()}, {@link ConformanceTarget}).
 */
class LimitsCasesTest extends ConformanceFamily {

    static List<Named<Case>> cases() {
        return LimitsCases.cases(new LimitsCases.Limit((int) (64 * EchoServer.MIB), 30_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void echoesLargeAndManyMessagesWithinTheLimits(Case c) throws Exception {
        run(c);
    }
}
