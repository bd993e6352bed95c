package org.bowline.adapter.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

import org.bowline.container.server.BowlineServer;

/**
 * Bowline's standalone server serving descriptors: those in a folder and on the class path, each
 * at {@code ws://HOST:PORT/websockets/v4/service/{endpoint}}.
 *
 * <pre>{@code
 * RegistryServer server = RegistryServer.start("127.0.0.1", 8080, HandlerRegistry.discover(), Path.of("descriptors"));
 * server.deployment().problems().forEach(System.err::println);
 * }</pre>
 */
public final class RegistryServer implements AutoCloseable {

    private final BowlineServer server;
    private final DescriptorDeployment deployment;

    private RegistryServer(BowlineServer server, DescriptorDeployment deployment) {
        this.server = server;
        this.deployment = deployment;
    }

    /**
     * Serves the descriptors found in {@code folder} (null for none) and on the context class
     * loader's class path. Port 0 picks a free port.
     */
    public static RegistryServer start(String host, int port, HandlerRegistry registry, Path folder) throws IOException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return start(host, port, registry, DescriptorScan.of(folder, loader == null ? RegistryServer.class.getClassLoader() : loader));
    }

    /** Serves {@code scan}'s descriptors. */
    public static RegistryServer start(String host, int port, HandlerRegistry registry, DescriptorScan scan) throws IOException {
        BowlineServer server = BowlineServer.builder().host(host).port(port).build();
        DescriptorDeployment deployment = DescriptorEndpoints.mount(server.container(), registry, scan);
        server.start();
        return new RegistryServer(server, deployment);
    }

    public DescriptorDeployment deployment() {
        return deployment;
    }

    public int port() {
        return server.port();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code ws://HOST:PORT/websockets/v4/service/} followed by {@code endpoint}. */
    public URI url(String endpoint) {
        InetSocketAddress address = server.address();
        String host = address.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create("ws://" + host + ":" + address.getPort() + DescriptorEndpoints.PATH_PREFIX + endpoint);
    }

    @Override
    public void close() {
        server.stop();
    }
}
