package org.bowline.container.server.conformance;

import static org.bowline.container.server.conformance.WireClient.CLOSE;
import static org.bowline.container.server.conformance.WireClient.PING;
import static org.bowline.container.server.conformance.WireClient.RSV2;
import static org.bowline.container.server.conformance.WireClient.TEXT;
import static org.bowline.container.server.conformance.WireClient.utf8;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A connection the server fails must leave a concurrent healthy session untouched. */
class SessionIsolationTest extends ConformanceFamily {

    @Test
    void failedConnectionsDoNotDisturbAConcurrentHealthySession() throws Exception {
        List<byte[]> badFrames = List.of(
                WireClient.frame(true, RSV2, TEXT, utf8("reserved bit")),
                WireClient.frame(true, 0, 5, new byte[0]),
                WireClient.frame(true, 0, PING, new byte[126]),
                WireClient.frame(true, 0, WireClient.CONTINUATION, utf8("no start")),
                WireClient.frame(false, 0, TEXT, HexFormat.of().parseHex("cebae1bdb9f4908080")),
                WireClient.frame(true, 0, CLOSE, WireClient.closePayload(1005, new byte[0])),
                WireClient.frame(true, 0, CLOSE, new byte[] {3}));
        List<Integer> codes = List.of(1002, 1002, 1002, 1002, 1007, 1002, 1002);
        try (WireClient healthy = WireClient.open(server)) {
            // a fragmented message is left open across all the failures, then completed
            healthy.send(false, 0, TEXT, utf8("before "));
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < badFrames.size(); i++) {
                    try (WireClient bad = WireClient.open(server)) {
                        bad.sendRaw(badFrames.get(i));
                        byte[] data = utf8("round " + round + " case " + i);
                        healthy.send(PING, data);
                        bad.expectFailure(codes.get(i));
                        healthy.expectPong(data);
                        healthy.send(PING, data);
                        healthy.expectPong(data);
                    }
                }
            }
            healthy.send(true, 0, WireClient.CONTINUATION, utf8("and after"));
            healthy.expectEcho("before and after");
            healthy.closeNormally();
        }
    }
}
