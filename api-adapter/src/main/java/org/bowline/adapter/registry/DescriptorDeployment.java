package org.bowline.adapter.registry;

import java.util.List;

/**
 * What {@link DescriptorEndpoints#mount} did: the descriptors now served, and those that are not,
 * each with its file and the reason.
 */
public record DescriptorDeployment(List<EndpointDescriptor> served, List<DescriptorProblem> problems) {

    public DescriptorDeployment {
        served = List.copyOf(served);
        problems = List.copyOf(problems);
    }

    /** The path a descriptor is served at. */
    public static String pathOf(EndpointDescriptor descriptor) {
        return DescriptorEndpoints.PATH_PREFIX + descriptor.endpoint();
    }
}
