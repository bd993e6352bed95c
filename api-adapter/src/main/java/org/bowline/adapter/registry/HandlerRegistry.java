package org.bowline.adapter.registry;

import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named handlers (and the engines that run them). Register them one by one with
 * {@link #register}, or {@link #discover} every {@link WebsocketHandler} class listed in
 * {@code META-INF/services/org.bowline.adapter.registry.WebsocketHandler}, each annotated with its
 * {@link HandlerName}.
 */
public final class HandlerRegistry {

    /** The default engine: the Java handler is called directly. */
    public static final String JAVA_ENGINE = "java";

    private final Map<String, WebsocketHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, HandlerEngine> engines = new ConcurrentHashMap<>(
            Map.of(JAVA_ENGINE, WebsocketHandler::handle));

    /** The handlers the context class loader's service files list. */
    public static HandlerRegistry discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader == null ? HandlerRegistry.class.getClassLoader() : loader);
    }

    /**
     * The handlers {@code loader}'s service files list.
     *
     * @throws IllegalStateException naming the class that has no {@link HandlerName}, cannot be
     *                               loaded or made, or reuses a name
     */
    public static HandlerRegistry discover(ClassLoader loader) {
        HandlerRegistry registry = new HandlerRegistry();
        try {
            for (ServiceLoader.Provider<WebsocketHandler> provider
                    : ServiceLoader.load(WebsocketHandler.class, loader).stream().toList()) {
                Class<? extends WebsocketHandler> type = provider.type();
                HandlerName name = type.getAnnotation(HandlerName.class);
                if (name == null) {
                    throw new IllegalStateException("Handler class " + type.getName() + " is listed in META-INF/services/"
                            + WebsocketHandler.class.getName() + " but has no @" + HandlerName.class.getSimpleName());
                }
                try {
                    registry.register(name.value(), provider.get());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("Handler class " + type.getName() + ": " + e.getMessage(), e);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("Cannot load a handler listed in META-INF/services/"
                    + WebsocketHandler.class.getName() + ": " + e.getMessage(), e);
        }
        return registry;
    }

    /**
     * @throws IllegalArgumentException if the name is blank or already taken (naming it)
     */
    public HandlerRegistry register(String name, WebsocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A handler name must not be blank");
        }
        WebsocketHandler before = handlers.putIfAbsent(name, handler);
        if (before != null) {
            throw new IllegalArgumentException("A handler named '" + name + "' is already registered ("
                    + before.getClass().getName() + ")");
        }
        return this;
    }

    /** Adds an engine besides {@value #JAVA_ENGINE}. */
    public HandlerRegistry registerEngine(String name, HandlerEngine engine) {
        Objects.requireNonNull(engine, "engine");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An engine name must not be blank");
        }
        if (engines.putIfAbsent(name, engine) != null) {
            throw new IllegalArgumentException("An engine named '" + name + "' is already registered");
        }
        return this;
    }

    /** @throws UnknownHandlerException naming it, when there is none */
    public WebsocketHandler handler(String name) {
        WebsocketHandler handler = name == null ? null : handlers.get(name);
        if (handler == null) {
            throw new UnknownHandlerException(name, names());
        }
        return handler;
    }

    /** @throws UnknownEngineException naming it, when there is none */
    public HandlerEngine engine(String name) {
        HandlerEngine engine = name == null ? null : engines.get(name);
        if (engine == null) {
            throw new UnknownEngineException(name, new TreeSet<>(engines.keySet()));
        }
        return engine;
    }

    public boolean contains(String name) {
        return name != null && handlers.containsKey(name);
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return new TreeSet<>(handlers.keySet());
    }
}
