package org.bowline.benchmarks.load;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The results as a Markdown table: a row per scenario row, a column per implementation, each cell
 * "median ±spread" over the rounds, and each Bowline cell's ratio to the best peer of that row.
 */
final class Table {

    private Table() {
    }

    static String markdown(Results results, List<Implementation> columns) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario |");
        for (Implementation column : columns) {
            out.append(' ').append(column.id).append(" |");
        }
        out.append("\n|---|");
        for (int i = 0; i < columns.size(); i++) {
            out.append("---:|");
        }
        out.append('\n');
        for (Row row : results.rows()) {
            out.append("| ").append(row.label()).append(" (").append(row.unit())
                    .append(row.higherIsBetter() ? " ↑" : " ↓").append(") |");
            OptionalDouble best = results.bestPeer(row);
            for (Implementation column : columns) {
                out.append(' ').append(cell(results, row, column, best)).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String cell(Results results, Row row, Implementation column, OptionalDouble bestPeer) {
        String failure = results.failure(row, column);
        OptionalDouble median = results.median(row, column);
        if (median.isEmpty()) {
            return failure != null ? "fail" : "n/a";
        }
        StringBuilder cell = new StringBuilder(number(median.getAsDouble()));
        double spread = results.spread(row, column);
        if (results.values(row, column).size() > 1) {
            cell.append(" ±").append(Math.round(spread * 100)).append('%');
        }
        if (failure != null) {
            cell.append(" (some rounds failed)");
        }
        if (column.kind == Implementation.Kind.BOWLINE && bestPeer.isPresent() && bestPeer.getAsDouble() != 0) {
            cell.append(" (").append(String.format("%.2f×", median.getAsDouble() / bestPeer.getAsDouble())).append(')');
        }
        return cell.toString();
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format("%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format("%.1f", value);
        }
        return String.format("%.2f", value);
    }
}
