package org.bowline.benchmarks.load;

/** One row of the table: what was measured, in which unit, and which way is better. */
record Row(String label, String unit, boolean higherIsBetter) {

    String title() {
        return label + " (" + unit + ", " + (higherIsBetter ? "higher" : "lower") + " is better)";
    }
}
