package org.bowline.adapter.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Serves descriptors on a Jakarta {@link ServerContainer}: each at
 * {@value #PATH_PREFIX}{@code {endpoint}}, its connections' events going to its handler. Works on
 * Bowline's standalone server ({@link RegistryServer}) and on the {@code ServerContainer} a web
 * application gets from Bowline's servlet integration (the servlet context attribute
 * {@code jakarta.websocket.server.ServerContainer}, e.g. from a {@code ServletContextListener}),
 * so a WAR serves them too.
 *
 * <p>A descriptor whose handler is not registered, whose endpoint another descriptor took first,
 * or that the container refuses is not served; the others are.
 */
public final class DescriptorEndpoints {

    public static final String PATH_PREFIX = "/websockets/v4/service/";

    private static final System.Logger LOG = System.getLogger(DescriptorEndpoints.class.getName());

    private DescriptorEndpoints() {
    }

    /** Scans {@code folder} (may be null) and the class path, and serves what it found on {@code container}. */
    public static DescriptorDeployment mount(ServerContainer container, HandlerRegistry registry,
                                             java.nio.file.Path folder, ClassLoader classPath) {
        return mount(container, registry, DescriptorScan.of(folder, classPath));
    }

    /** Serves {@code scan}'s descriptors on {@code container}; each problem is logged and returned. */
    public static DescriptorDeployment mount(ServerContainer container, HandlerRegistry registry, DescriptorScan scan) {
        List<EndpointDescriptor> served = new ArrayList<>();
        List<DescriptorProblem> problems = new ArrayList<>(scan.problems());
        Map<String, EndpointDescriptor> byEndpoint = new HashMap<>();
        for (EndpointDescriptor descriptor : scan.descriptors()) {
            EndpointDescriptor first = byEndpoint.get(descriptor.endpoint());
            if (first != null) {
                problems.add(new DescriptorProblem(descriptor.source(), "duplicate endpoint '" + descriptor.endpoint()
                        + "': already served from " + first.source()));
                continue;
            }
            if (!registry.contains(descriptor.handler())) {
                problems.add(new DescriptorProblem(descriptor.source(), "unknown handler '" + descriptor.handler()
                        + "': the registered handlers are " + registry.names()));
                continue;
            }
            try {
                container.addEndpoint(config(descriptor, registry));
            } catch (DeploymentException | RuntimeException e) {
                problems.add(new DescriptorProblem(descriptor.source(), "cannot be served at "
                        + DescriptorDeployment.pathOf(descriptor) + ": " + e.getMessage()));
                continue;
            }
            byEndpoint.put(descriptor.endpoint(), descriptor);
            served.add(descriptor);
        }
        for (DescriptorProblem problem : problems) {
            LOG.log(System.Logger.Level.WARNING, "Descriptor not served: {0}", problem);
        }
        return new DescriptorDeployment(served, problems);
    }

    private static ServerEndpointConfig config(EndpointDescriptor descriptor, HandlerRegistry registry) {
        WebsocketHandler handler = registry.handler(descriptor.handler());
        HandlerEngine engine = registry.engine(HandlerRegistry.JAVA_ENGINE);
        String where = "endpoint " + descriptor.endpoint() + " from " + descriptor.source();
        return ServerEndpointConfig.Builder.create(HandlerEndpoint.class, DescriptorDeployment.pathOf(descriptor))
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new HandlerEndpoint(descriptor.handler(), handler, engine, where));
                    }
                })
                .build();
    }
}
