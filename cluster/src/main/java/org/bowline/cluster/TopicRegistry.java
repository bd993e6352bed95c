package org.bowline.cluster;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscribers of one node, by topic, and local delivery. Topic membership is an array
 * replaced on change (copy on write): delivery, the frequent operation, reads it without locking.
 */
final class TopicRegistry {

    static final System.Logger LOG = System.getLogger(TopicRegistry.class.getName());

    /** Told when a topic gets its first subscriber on this node or loses its last. */
    interface TopicListener {
        void topicsChanged();
    }

    private static final Member[] NONE = new Member[0];

    private final ConcurrentHashMap<String, Member[]> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Subscriber, Member> members = new ConcurrentHashMap<>();
    private final SubscriberLimits limits;
    private final Counters counters;
    private final TopicListener listener;

    TopicRegistry(SubscriberLimits limits, Counters counters, TopicListener listener) {
        if (limits == null) {
            throw new IllegalArgumentException("SubscriberLimits must not be null");
        }
        this.limits = limits;
        this.counters = counters;
        this.listener = listener;
    }

    /** @return true if it was not subscribed before */
    boolean subscribe(String topic, Subscriber subscriber) {
        Topics.checkTopic(topic);
        if (subscriber == null) {
            throw new IllegalArgumentException("Subscriber must not be null");
        }
        Member member = members.compute(subscriber, (s, existing) -> {
            Member m = existing == null ? new Member(s, limits, counters, this) : existing;
            m.topics.add(topic);
            return m;
        });
        boolean[] changed = new boolean[2]; // [0] added, [1] first of its topic
        topics.compute(topic, (t, current) -> {
            if (current == null) {
                changed[0] = changed[1] = true;
                return new Member[] {member};
            }
            for (Member m : current) {
                if (m == member) {
                    return current;
                }
            }
            changed[0] = true;
            Member[] more = Arrays.copyOf(current, current.length + 1);
            more[current.length] = member;
            return more;
        });
        if (changed[1]) {
            listener.topicsChanged();
        }
        return changed[0];
    }

    boolean unsubscribe(String topic, Subscriber subscriber) {
        Member member = members.get(subscriber);
        if (member == null) {
            return false;
        }
        boolean removed = remove(topic, member);
        members.computeIfPresent(subscriber, (s, m) -> {
            m.topics.remove(topic);
            return m.topics.isEmpty() ? null : m;
        });
        return removed;
    }

    void leaveAll(Subscriber subscriber) {
        Member member = members.remove(subscriber);
        if (member != null) {
            for (String topic : member.topics) {
                remove(topic, member);
            }
        }
    }

    private boolean remove(String topic, Member member) {
        boolean[] changed = new boolean[2]; // [0] removed, [1] last of its topic
        topics.computeIfPresent(topic, (t, current) -> {
            int at = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == member) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return current;
            }
            changed[0] = true;
            if (current.length == 1) {
                changed[1] = true;
                return null;
            }
            Member[] fewer = new Member[current.length - 1];
            System.arraycopy(current, 0, fewer, 0, at);
            System.arraycopy(current, at + 1, fewer, at, current.length - at - 1);
            return fewer;
        });
        if (changed[1]) {
            listener.topicsChanged();
        }
        return changed[0];
    }

    /** Offers the message to every subscriber of the topic on this node, in subscription order. */
    void deliver(String topic, Message message) {
        Member[] current = topics.getOrDefault(topic, NONE);
        for (Member member : current) {
            member.offer(message);
        }
    }

    int subscribers(String topic) {
        return topics.getOrDefault(topic, NONE).length;
    }

    boolean hasSubscribers(String topic) {
        return topics.containsKey(topic);
    }

    /** The topics with at least one subscriber on this node. */
    Set<String> activeTopics() {
        return Set.copyOf(topics.keySet());
    }

    /** Unsubscribes every subscriber whose connection has closed without calling leaveAll. */
    void sweep() {
        for (Map.Entry<String, Member[]> entry : topics.entrySet()) {
            for (Member member : entry.getValue()) {
                if (!member.subscriber.isOpen()) {
                    leaveAll(member.subscriber);
                    // In case the member map and this topic disagree (a subscribe raced an unsubscribe).
                    remove(entry.getKey(), member);
                }
            }
        }
        members.values().removeIf(member -> !member.subscriber.isOpen());
    }

    void clear() {
        members.clear();
        topics.clear();
    }
}
