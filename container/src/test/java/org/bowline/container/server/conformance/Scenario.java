package org.bowline.container.server.conformance;

import java.util.function.Function;

import org.junit.jupiter.api.Named;

/** What one conformance case does over an open connection, including its verdict. */
@FunctionalInterface
interface Scenario {

    void run(WireClient client) throws Exception;

    /** A case named the way the report shows it, e.g. "case 5.3: fragmented text, 2 fragments". */
    static Named<Scenario> named(String id, String title, Scenario scenario) {
        return Named.of("case " + id + ": " + title, scenario);
    }

    /** Numbers a family of similar cases "prefix.1", "prefix.2", ... in order. */
    static <T> java.util.List<Named<Scenario>> numbered(String prefix, java.util.List<T> items,
                                                        Function<T, String> title, Function<T, Scenario> scenario) {
        java.util.List<Named<Scenario>> cases = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            cases.add(named(prefix + "." + (i + 1), title.apply(item), scenario.apply(item)));
        }
        return cases;
    }
}
