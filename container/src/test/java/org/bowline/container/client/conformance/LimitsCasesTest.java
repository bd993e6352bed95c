package org.bowline.container.client.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.LimitsCases;
import org.bowline.container.conformance.Transport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link LimitsCases}, client role: this test is the server, the client limited to {@link #CLIENT_MAX_MESSAGE}. */
class LimitsCasesTest extends ClientConformanceFamily {

    /**
     * Over sockets as well as in memory, in whole reads only: at 1 or 7 bytes a read, messages of
     * {@code maxMessage} bytes would take millions of reads each, minutes in all; the sockets keep
     * large messages over the NIO transport, with its partial writes and full buffers, covered.
     */
    static Stream<Arguments> cases() {
        List<Named<Case>> cases = LimitsCases.cases(new LimitsCases.Limit(CLIENT_MAX_MESSAGE, 60_000));
        return Transport.cross(List.of(Transport.SOCKET, Transport.WHOLE), cases);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void echoesLargeAndManyMessagesWithinTheLimits(Transport transport, Case c) throws Exception {
        run(transport, c);
    }
}
