package org.bowline.container.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Named;

/**
 * One conformance case, written once for both roles: what the {@link Peer} sends and the strict
 * verdict on what Bowline does. Each role's families run the same tables (see the role's runner).
 */
@FunctionalInterface
public interface Case {

    void run(Peer peer) throws Exception;

    /** A case named the way the report shows it, e.g. "case 5.3: fragmented text, 2 fragments". */
    static Named<Case> named(String id, String title, Case body) {
        return Named.of("case " + id + ": " + title, body);
    }

    /** Numbers a family of similar cases "prefix.1", "prefix.2", ... in order. */
    static <T> List<Named<Case>> numbered(String prefix, List<T> items, Function<T, String> title,
                                          Function<T, Case> body) {
        List<Named<Case>> cases = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            cases.add(named(prefix + "." + (i + 1), title.apply(item), body.apply(item)));
        }
        return cases;
    }
}
