package org.bowline.cluster;

/**
 * Counters of one {@link Topics}, since it was created.
 *
 * @param published         publish calls accepted (whatever became of them on other nodes)
 * @param publishFailed     publishes not handed to the other nodes (Redis unreachable or too slow)
 * @param delivered         messages written to a subscriber's connection
 * @param dropped           messages not sent to a slow subscriber (policy DROP, or after CLOSE was decided)
 * @param closedSlow        subscribers closed with 1008 for being slow (policy CLOSE)
 * @param received          messages that came from other nodes
 * @param ownSkipped        this node's own messages that came back from Redis and were not delivered again
 * @param reconnects        times the link to Redis was made again after it was lost
 * @param connected         whether the link to Redis is up (always true in memory)
 */
public record TopicStats(long published, long publishFailed, long delivered, long dropped, long closedSlow,
                         long received, long ownSkipped, long reconnects, boolean connected) {
}
