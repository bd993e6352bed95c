package org.bowline.container.path;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the endpoint for a request path with the precedence of Jakarta WebSocket 2.2 section
 * 3.1.1: compare segment by segment from the left, and at each segment a literal match beats a
 * variable match.
 *
 * @param <T> what is registered under each template
 */
public final class PathMatcher<T> {

    /** A registration found for a path, with the values of its variables. */
    public record Match<T>(UriTemplate template, T value, Map<String, String> pathParameters) {
    }

    private record Entry<T>(UriTemplate template, T value) {
    }

    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();

    /** Adds a template; one that matches exactly the same paths as an existing one is refused. */
    public synchronized void add(UriTemplate template, T value) {
        for (Entry<T> e : entries) {
            if (e.template().sameShape(template)) {
                throw new IllegalArgumentException("Path " + template + " clashes with already registered path "
                        + e.template());
            }
        }
        entries.add(new Entry<>(template, value));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The best match for a raw request path such as "/chat/caf%C3%A9", or null. Segments are
     * percent-decoded after splitting, so an encoded '/' stays inside its segment.
     */
    public Match<T> match(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        String[] segments = UriTemplate.split(rawPath);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = PercentDecoding.decode(segments[i]);
        }
        Entry<T> best = null;
        Map<String, String> bestValues = null;
        for (Entry<T> e : entries) {
            Map<String, String> values = e.template().match(segments);
            if (values != null && (best == null || beats(e.template(), best.template()))) {
                best = e;
                bestValues = values;
            }
        }
        return best == null ? null : new Match<>(best.template(), best.value(), bestValues);
    }

    /** Both templates match the same path: the one with a literal at the first differing segment wins. */
    private static boolean beats(UriTemplate a, UriTemplate b) {
        for (int i = 0; i < a.segmentCount(); i++) {
            if (a.isLiteral(i) != b.isLiteral(i)) {
                return a.isLiteral(i);
            }
        }
        return false;
    }
}
