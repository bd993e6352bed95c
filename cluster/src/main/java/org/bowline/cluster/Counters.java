package org.bowline.cluster;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TopicStats}. */
final class Counters {

    final LongAdder published = new LongAdder();
    final LongAdder publishFailed = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder closedSlow = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder ownSkipped = new LongAdder();
    final LongAdder reconnects = new LongAdder();

    TopicStats snapshot(boolean connected) {
        return new TopicStats(published.sum(), publishFailed.sum(), delivered.sum(), dropped.sum(), closedSlow.sum(),
                received.sum(), ownSkipped.sum(), reconnects.sum(), connected);
    }
}
