package org.bowline.adapter.registry;

/** Why one descriptor is not served; {@code source} names its file. */
public record DescriptorProblem(String source, String problem) {

    @Override
    public String toString() {
        return source + ": " + problem;
    }
}
