package org.bowline.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Every round's value of every cell; the median and spread of a cell come from its rounds. */
final class Results {

    private final Map<Row, Map<Implementation, List<Double>>> cells = new LinkedHashMap<>();
    private final Map<Row, Map<Implementation, String>> failures = new LinkedHashMap<>();

    /** Declares a row so the table lists rows in scenario order, even one no implementation finished. */
    void declare(Row row) {
        cells.computeIfAbsent(row, r -> new EnumMap<>(Implementation.class));
    }

    void add(Row row, Implementation implementation, double value) {
        declare(row);
        cells.get(row).computeIfAbsent(implementation, i -> new ArrayList<>()).add(value);
    }

    void fail(Row row, Implementation implementation, String reason) {
        declare(row);
        failures.computeIfAbsent(row, r -> new EnumMap<>(Implementation.class)).put(implementation, reason);
    }

    List<Row> rows() {
        return List.copyOf(cells.keySet());
    }

    List<Double> values(Row row, Implementation implementation) {
        return cells.getOrDefault(row, Map.of()).getOrDefault(implementation, List.of());
    }

    String failure(Row row, Implementation implementation) {
        return failures.getOrDefault(row, Map.of()).get(implementation);
    }

    OptionalDouble median(Row row, Implementation implementation) {
        List<Double> values = values(row, implementation);
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Scenarios.median(values.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /** Half the range of the rounds, relative to the median: the ± of a cell. */
    double spread(Row row, Implementation implementation) {
        double[] v = values(row, implementation).stream().mapToDouble(Double::doubleValue).toArray();
        if (v.length < 2) {
            return 0;
        }
        Arrays.sort(v);
        double median = Scenarios.median(v);
        return median == 0 ? 0 : (v[v.length - 1] - v[0]) / 2 / Math.abs(median);
    }

    /** The best median among the peers (Tomcat, Jetty, Undertow, Tyrus) in this row, if any ran. */
    OptionalDouble bestPeer(Row row) {
        OptionalDouble best = OptionalDouble.empty();
        for (Implementation peer : Implementation.values()) {
            if (peer.kind != Implementation.Kind.PEER) {
                continue;
            }
            OptionalDouble m = median(row, peer);
            if (m.isPresent() && (best.isEmpty()
                    || (row.higherIsBetter() ? m.getAsDouble() > best.getAsDouble() : m.getAsDouble() < best.getAsDouble()))) {
                best = m;
            }
        }
        return best;
    }
}
