package org.bowline.servlet;

import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletContainerInitializer;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;

import org.bowline.servlet.app.TestApplicationInitializer;

/** Embedded Undertow (undertow-servlet), without Undertow's own WebSocket jar (undertow-websockets-jsr). */
final class UndertowHost implements ServletHost {

    private Undertow server;
    private PathHandler paths;
    private final Map<String, DeploymentManager> started = new HashMap<>();
    private final Map<String, ClassLoader> loaders = new HashMap<>();

    @Override
    public int start(List<WebApp> apps) throws Exception {
        paths = Handlers.path();
        for (WebApp app : apps) {
            String contextPath = app.contextPath().isEmpty() ? "/" : app.contextPath();
            // A class loader of its own, as a deployed web application has.
            ClassLoader loader = new URLClassLoader(new URL[0], getClass().getClassLoader());
            DeploymentInfo info = Servlets.deployment()
                    .setClassLoader(loader)
                    .setContextPath(contextPath)
                    .setDeploymentName("app" + app.contextPath().replace('/', '_'))
                    .addServletContainerInitializer(sci(TestApplicationInitializer.class,
                            new TestApplicationInitializer(), null))
                    .addServletContainerInitializer(sci(BowlineServletContainerInitializer.class,
                            new BowlineServletContainerInitializer(), new HashSet<>(app.scanned())));
            app.initParameters().forEach(info::addInitParameter);
            DeploymentManager manager = Servlets.defaultContainer().addDeployment(info);
            manager.deploy();
            paths.addPrefixPath(contextPath, manager.start());
            started.put(app.contextPath(), manager);
            loaders.put(app.contextPath(), loader);
        }
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(paths).build();
        server.start();
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private static <T extends ServletContainerInitializer> ServletContainerInitializerInfo sci(
            Class<T> type, T instance, java.util.Set<Class<?>> handlesTypes) {
        return new ServletContainerInitializerInfo(type, new ImmediateInstanceFactory<>(instance), handlesTypes);
    }

    @Override
    public void stopWebApp(String contextPath) throws Exception {
        DeploymentManager manager = started.get(contextPath);
        manager.stop();
        manager.undeploy();
        paths.removePrefixPath(contextPath.isEmpty() ? "/" : contextPath);
    }

    @Override
    public jakarta.servlet.ServletContext servletContext(String contextPath) {
        return started.get(contextPath).getDeployment().getServletContext();
    }

    @Override
    public ClassLoader classLoaderOf(String contextPath) {
        return loaders.get(contextPath);
    }

    @Override
    public void stop() throws Exception {
        for (DeploymentManager manager : started.values()) {
            if (manager.getState() != DeploymentManager.State.UNDEPLOYED) {
                manager.stop();
                manager.undeploy();
            }
        }
        if (server != null) {
            server.stop();
        }
    }
}
