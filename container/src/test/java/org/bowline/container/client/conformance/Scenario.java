package org.bowline.container.client.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Named;

/** What the fuzzing server does over one accepted connection, including the strict verdict on the client. */
@FunctionalInterface
interface Scenario {

    void run(WireServer server) throws Exception;

    /** A case named the way the report shows it, e.g. "case 5.3: fragmented text, 2 fragments". */
    static Named<Scenario> named(String id, String title, Scenario scenario) {
        return Named.of("case " + id + ": " + title, scenario);
    }

    /** Numbers a family of similar cases "prefix.1", "prefix.2", ... in order. */
    static <T> List<Named<Scenario>> numbered(String prefix, List<T> items, Function<T, String> title,
                                              Function<T, Scenario> scenario) {
        List<Named<Scenario>> cases = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            cases.add(named(prefix + "." + (i + 1), title.apply(item), scenario.apply(item)));
        }
        return cases;
    }
}
