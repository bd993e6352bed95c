package org.bowline.servlet;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Which endpoints a web application deploys, from the classes the servlet container found for
 * {@code @HandlesTypes} (Jakarta WebSocket 2.2, section 6.2): with no {@link ServerApplicationConfig},
 * every {@code @ServerEndpoint} class; otherwise what the configs return from
 * {@code getEndpointConfigs} (over the concrete {@code Endpoint} subclasses) and
 * {@code getAnnotatedEndpointClasses} (over the annotated classes).
 *
 * @param configs          programmatic endpoints to deploy
 * @param annotatedClasses annotated endpoint classes to deploy
 */
record EndpointSelection(List<ServerEndpointConfig> configs, List<Class<?>> annotatedClasses) {

    static EndpointSelection of(Collection<Class<?>> scanned) throws DeploymentException {
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        List<Class<? extends ServerApplicationConfig>> appConfigs = new ArrayList<>();
        for (Class<?> type : sorted(scanned)) {
            if (!isConcrete(type)) {
                continue;
            }
            if (type.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(type);
            }
            if (Endpoint.class.isAssignableFrom(type)) {
                programmatic.add(type.asSubclass(Endpoint.class));
            }
            if (ServerApplicationConfig.class.isAssignableFrom(type)) {
                appConfigs.add(type.asSubclass(ServerApplicationConfig.class));
            }
        }
        if (appConfigs.isEmpty()) {
            return new EndpointSelection(List.of(), List.copyOf(annotated));
        }
        Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
        Set<Class<?>> chosen = new LinkedHashSet<>();
        for (Class<? extends ServerApplicationConfig> type : appConfigs) {
            ServerApplicationConfig appConfig = instantiate(type);
            Set<ServerEndpointConfig> endpointConfigs = appConfig.getEndpointConfigs(Set.copyOf(programmatic));
            if (endpointConfigs != null) {
                configs.addAll(endpointConfigs);
            }
            Set<Class<?>> classes = appConfig.getAnnotatedEndpointClasses(Set.copyOf(annotated));
            if (classes != null) {
                chosen.addAll(classes);
            }
        }
        return new EndpointSelection(List.copyOf(configs), List.copyOf(chosen));
    }

    private static boolean isConcrete(Class<?> type) {
        int modifiers = type.getModifiers();
        return !type.isInterface() && !type.isAnnotation() && !Modifier.isAbstract(modifiers);
    }

    /** A stable order, so that which endpoint wins a conflict does not depend on the container's scan order. */
    private static List<Class<?>> sorted(Collection<Class<?>> scanned) {
        List<Class<?>> list = new ArrayList<>(scanned == null ? List.of() : scanned);
        list.sort(Comparator.comparing(Class::getName));
        return list;
    }

    private static ServerApplicationConfig instantiate(Class<? extends ServerApplicationConfig> type)
            throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("Cannot create ServerApplicationConfig " + type.getName()
                    + ": it needs a public no-argument constructor (" + e + ")", e);
        }
    }
}
