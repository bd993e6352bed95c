package org.bowline.examples.service;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.bowline.adapter.service.Listener;
import org.bowline.adapter.service.ListenerConfiguration;
import org.bowline.examples.Options;
import org.bowline.examples.Subcommand;
import org.bowline.examples.UsageException;

/**
 * A service-model scenario that serves until killed: parses {@code --host}/{@code --port} (and the
 * scenario's own options), attaches its upgrade services to a {@link Listener}, prints
 * {@code READY <url>} once it accepts connections, and stops gracefully on SIGTERM or Ctrl-C.
 */
abstract class ServerScenario implements Subcommand {

    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** The path {@code READY} names, e.g. {@code /ws}. */
    protected String readyPath() {
        return "/ws";
    }

    /** Options beyond --host and --port, with their dashes. */
    protected Set<String> extraOptions() {
        return Set.of();
    }

    /** The listener's configuration; the host is already set. */
    protected ListenerConfiguration.Builder configure(ListenerConfiguration.Builder builder, Options options)
            throws Exception {
        return builder;
    }

    /** Attaches the scenario's services. */
    protected abstract void attach(Listener listener, Options options) throws Exception;

    /** Starts whatever else the scenario serves, once the listener accepts; returns what stops it. */
    protected AutoCloseable startMore(Listener listener, Options options) throws Exception {
        return () -> { };
    }

    @Override
    public int run(List<String> arguments) throws Exception {
        Set<String> allowed = new HashSet<>(extraOptions());
        allowed.add("--host");
        allowed.add("--port");
        Options options = Options.parse(name(), arguments, allowed);
        if (!options.positional().isEmpty()) {
            throw new UsageException(name() + ": unexpected argument: " + options.positional().get(0));
        }
        ListenerConfiguration configuration = configure(ListenerConfiguration.builder().host(options.host()), options)
                .build();
        Listener listener = new Listener(options.port(), configuration);
        attach(listener, options);
        listener.start();
        AutoCloseable more;
        try {
            more = startMore(listener, options);
        } catch (Exception e) {
            listener.immediateStop();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                more.close();
                listener.gracefulStop(STOP_GRACE);
            } catch (Exception e) {
                listener.immediateStop();
            } finally {
                stopped.countDown();
            }
        }, name() + "-shutdown"));
        Console.println("READY " + url(listener.address(), listener.isSecure()) + readyPath());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Run in a test's JVM and interrupted: stop as a signal would.
            more.close();
            listener.immediateStop();
            throw e;
        }
        return 0;
    }

    /** {@code ws://HOST:PORT} (or wss) of a bound address. */
    static String url(InetSocketAddress bound, boolean secure) {
        return (secure ? "wss" : "ws") + "://" + hostOf(bound) + ":" + bound.getPort();
    }

    static String hostOf(InetSocketAddress bound) {
        String host = bound.getAddress().getHostAddress();
        if (bound.getAddress() instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
        }
        return host;
    }
}
