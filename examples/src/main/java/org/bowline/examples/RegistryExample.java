package org.bowline.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.bowline.adapter.registry.DescriptorDeployment;
import org.bowline.adapter.registry.DescriptorProblem;
import org.bowline.adapter.registry.EndpointDescriptor;
import org.bowline.adapter.registry.HandlerRegistry;
import org.bowline.adapter.registry.RegistryServer;

/**
 * {@code registry [--host HOST] [--port PORT] [--descriptors DIR]}: the handler-registry model.
 * Serves every {@code NAME.websocket} descriptor in DIR and on the class path (this jar ships
 * {@code my-endpoint.websocket}, handled by {@link EchoWebsocketHandler}) at
 * {@code ws://HOST:PORT/websockets/v4/service/{endpoint}}.
 */
public final class RegistryExample implements Subcommand {

    static final String MY_ENDPOINT = "my-endpoint";

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "Usage: java -jar bowline-examples.jar registry [--host HOST] [--port PORT] [--descriptors DIR]",
                "  serves each NAME.websocket descriptor in DIR (and its subfolders) and on the class path",
                "  (my-endpoint.websocket ships in this jar) at ws://HOST:PORT/websockets/v4/service/ENDPOINT;",
                "  prints READY ws://HOST:PORT/websockets/v4/service/my-endpoint, then one line per event of",
                "  my-endpoint's handler (onopen, onmessage MESSAGE, onerror ERROR, onclose), which answers",
                "  Echo: MESSAGE; descriptors that cannot be served are reported on standard error, by file");
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        Options options = Options.parse(name(), arguments, Set.of("--host", "--port", "--descriptors"));
        if (!options.positional().isEmpty()) {
            throw new UsageException(name() + ": unexpected argument: " + options.positional().get(0));
        }
        String folder = options.value("--descriptors");
        HandlerRegistry registry = HandlerRegistry.discover(RegistryExample.class.getClassLoader());
        RegistryServer server = RegistryServer.start(options.host(), options.port(), registry,
                folder == null ? null : Path.of(folder));
        DescriptorDeployment deployment = server.deployment();
        for (DescriptorProblem problem : deployment.problems()) {
            System.err.println("bowline-examples: registry: descriptor not served: " + problem);
        }
        for (EndpointDescriptor served : deployment.served()) {
            System.err.println("bowline-examples: registry: serving " + server.url(served.endpoint()) + " (" + served.source() + ")");
        }
        System.err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "registry-shutdown"));
        boolean mine = deployment.served().stream().anyMatch(d -> d.endpoint().equals(MY_ENDPOINT));
        String endpoint = mine || deployment.served().isEmpty() ? MY_ENDPOINT : deployment.served().get(0).endpoint();
        synchronized (System.out) {
            System.out.println("READY " + (deployment.served().isEmpty() ? server.url("") : server.url(endpoint)));
            System.out.flush();
        }
        stopped.await();
        return 0;
    }
}
