package org.bowline.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load benchmark's one command: runs every selected scenario against every selected
 * implementation, one server JVM at a time, for several rounds (each round in a rotated order, so
 * the machine's noise hits every implementation alike), then prints the table. The driver (this
 * JVM, which is also the load generator) pins itself to CPU 0 and each server to CPU 1 when
 * taskset exists and there are at least two CPUs.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.bowline.benchmarks.load.Compare [options]
 *   --impls a,b,...       implementations (default all): bowline, bowline-jetty, bowline-tomcat,
 *                         tomcat, jetty, undertow, tyrus, raw
 *   --scenarios a,b,...   echo, pingpong, fixedrate, big, broadcast, push, idle (default: these), and
 *                         handshakes (warm handshakes/s: 6 passes of --idle-conns; about a minute per server)
 *                         and beside (32 B echo latency while another connection makes --big-bytes round trips)
 *   --rounds N            rounds (default 3)
 *   --warmup S --seconds S   warm-up and measured seconds per timed scenario (default 2 and 5)
 *   --server-warmup S     untimed echo load each server JVM gets before its first scenario (default 6; 0: none)
 *   --echo-sizes 32,1024,65536  --echo-conns 1,16,256
 *   --idle-conns N  --broadcast-sessions N  --push-messages N  --big-bytes N
 *   --jvm "OPTIONS"       the servers' JVM options (default "-Xms1g -Xmx1g -XX:+UseSerialGC")
 *   --out FILE            also write the table there (default target/load-results.md)
 *   --no-pin              do not pin the load generator and the servers to CPUs
 * </pre>
 */
public final class Compare {

    static final String DEFAULT_JVM = "-Xms1g -Xmx1g -XX:+UseSerialGC";

    /** The scenario groups a run without {@code --scenarios} measures: the README's table. */
    static final List<String> DEFAULT_GROUPS = List.of("echo", "pingpong", "fixedrate", "big", "broadcast", "push", "idle");
    /** Groups measured only when named (they take long). */
    static final List<String> OPT_IN_GROUPS = List.of("handshakes", "beside");

    private Compare() {
    }

    /** What to run. */
    record Options(List<Implementation> implementations, Set<String> groups, int rounds, Settings settings,
                   List<String> jvmOptions, Path out, boolean pin) {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args, Layout.fromCodeLocation());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String table = run(options, Layout.fromCodeLocation(), System.err);
        System.out.println(table);
    }

    static Options parse(String[] args, Layout layout) {
        List<Implementation> implementations = Implementation.all();
        Set<String> groups = new LinkedHashSet<>(DEFAULT_GROUPS);
        Settings d = Settings.defaults();
        long serverWarmup = d.serverWarmupMillis();
        long warmup = d.warmupMillis();
        long measure = d.measureMillis();
        List<Integer> sizes = d.echoSizes();
        List<Integer> conns = d.echoConnections();
        int idle = d.idleConnections();
        int broadcast = d.broadcastSessions();
        int push = d.pushMessages();
        int big = d.bigMessageBytes();
        int rounds = 3;
        String jvm = DEFAULT_JVM;
        boolean pin = true;
        Path out = layout.target().resolve("load-results.md");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--no-pin")) {
                pin = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--impls" -> implementations = Arrays.stream(value.split(",")).map(Implementation::byId).toList();
                case "--scenarios" -> {
                    Set<String> chosen = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                    for (String g : chosen) {
                        if (!DEFAULT_GROUPS.contains(g) && !OPT_IN_GROUPS.contains(g)) {
                            throw new IllegalArgumentException("unknown scenario \"" + g + "\"; known: " + DEFAULT_GROUPS
                                    + " and " + OPT_IN_GROUPS);
                        }
                    }
                    groups = chosen;
                }
                case "--rounds" -> rounds = positive(flag, value);
                case "--server-warmup" -> serverWarmup = millis(flag, value, true);
                case "--warmup" -> warmup = millis(flag, value, true);
                case "--seconds" -> measure = millis(flag, value, false);
                case "--echo-sizes" -> sizes = ints(flag, value);
                case "--echo-conns" -> conns = ints(flag, value);
                case "--idle-conns" -> idle = positive(flag, value);
                case "--broadcast-sessions" -> broadcast = positive(flag, value);
                case "--push-messages" -> push = positive(flag, value);
                case "--big-bytes" -> big = positive(flag, value);
                case "--jvm" -> jvm = value;
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + " (see Compare's javadoc)");
            }
        }
        Settings settings = new Settings(serverWarmup, warmup, measure, sizes, conns, d.fixedRate(), d.fixedRateConnections(), idle,
                big, d.bigRepeats(), broadcast, push, d.pushMessageBytes());
        return new Options(implementations, groups, rounds, settings, List.of(jvm.trim().split("\\s+")), out, pin);
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " needs a positive whole number, not \"" + value + "\"");
    }

    private static long millis(String flag, String value, boolean zeroAllowed) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds > 0 || (zeroAllowed && seconds == 0)) {
                return Math.round(seconds * 1000);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " needs a number of seconds, not \"" + value + "\"");
    }

    private static List<Integer> ints(String flag, String value) {
        return Arrays.stream(value.split(",")).map(v -> positive(flag, v.trim())).toList();
    }

    /** Runs everything and returns the Markdown table (with its legend); progress goes to {@code log}. */
    static String run(Options options, Layout layout, PrintStream log) throws Exception {
        Pinning pinning = options.pin() ? Pinning.detect() : Pinning.NONE;
        Results results = measure(options, layout, pinning, log);
        String table = Table.markdown(results, options.implementations()) + "\n" + legend(options, pinning);
        if (options.out() != null) {
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), table);
        }
        return table;
    }

    /** Runs every round and returns what each cell measured. */
    static Results measure(Options options, Layout layout, Pinning pinning, PrintStream log) throws Exception {
        pinning.pinSelf(log);
        List<Scenario> scenarios = Scenarios.all(options.settings()).stream()
                .filter(s -> options.groups().contains(s.group())).toList();
        Results results = new Results();
        for (Scenario scenario : scenarios) {
            scenario.rows().forEach(results::declare);
        }
        List<Implementation> impls = options.implementations();
        for (int round = 0; round < options.rounds(); round++) {
            List<Implementation> order = new ArrayList<>(impls);
            java.util.Collections.rotate(order, -round);
            for (Implementation impl : order) {
                log.printf("[round %d/%d] %s%n", round + 1, options.rounds(), impl.id);
                try (ServerProcess server = ServerProcess.start(impl, layout, options.jvmOptions(), pinning.serverCpus())) {
                    if (impl.serves("/echo")) {
                        ServerWarmup.run(server, options.settings(), log);
                    }
                    for (Scenario scenario : scenarios) {
                        if (!impl.serves(scenario.path())) {
                            continue;
                        }
                        try {
                            for (Map.Entry<Row, Double> e : scenario.run(server, options.settings()).entrySet()) {
                                results.add(e.getKey(), impl, e.getValue());
                                log.printf("  %-45s %s%n", e.getKey().label(), Table.number(e.getValue()) + " "
                                        + e.getKey().unit());
                            }
                        } catch (Exception e) {
                            log.printf("  %-45s FAILED: %s%n", scenario.rows().get(0).label(), e);
                            for (Row row : scenario.rows()) {
                                results.fail(row, impl, e.toString());
                            }
                        }
                    }
                } catch (IOException e) {
                    log.printf("  %s could not run: %s%n", impl.id, e.getMessage());
                    for (Scenario scenario : scenarios) {
                        for (Row row : scenario.rows()) {
                            results.fail(row, impl, e.toString());
                        }
                    }
                }
            }
        }
        return results;
    }

    private static String legend(Options options, Pinning pinning) {
        Settings s = options.settings();
        return String.format("%s; %d round(s), each cell the median ± half the range of the rounds; "
                + "Bowline cells: (ratio to the best of tomcat/jetty/undertow/tyrus; ↑ rows: above 1 is better, ↓ rows: below 1 is better). "
                + "Each server JVM first ran %.1f s of untimed echo; warm-up %.1f s, measured %.1f s per timed scenario. "
                + "Servers: %s. %s. Java %s, %d CPUs (%s).%n",
                Instant.now(), options.rounds(), s.serverWarmupMillis() / 1e3, s.warmupMillis() / 1e3, s.measureMillis() / 1e3,
                String.join(" ", options.jvmOptions()), pinning.describe(), System.getProperty("java.version"),
                pinning.cpus(), cpuModel() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
