package org.bowline.benchmarks.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The servers the table compares: each runs in its own JVM with {@code target/classes} and its own
 * {@code target/impl/NAME} class path (copied there by the build, one dependency-plugin execution
 * per implementation).
 */
enum Implementation {
    BOWLINE("bowline", "org.bowline.benchmarks.servers.BowlineStandalone", Kind.BOWLINE),
    BOWLINE_JETTY("bowline-jetty", "org.bowline.benchmarks.servers.BowlineOnJetty", Kind.BOWLINE),
    BOWLINE_TOMCAT("bowline-tomcat", "org.bowline.benchmarks.servers.BowlineOnTomcat", Kind.BOWLINE),
    TOMCAT("tomcat", "org.bowline.benchmarks.servers.TomcatServer", Kind.PEER),
    JETTY("jetty", "org.bowline.benchmarks.servers.JettyServer", Kind.PEER),
    UNDERTOW("undertow", "org.bowline.benchmarks.servers.UndertowServer", Kind.PEER),
    TYRUS("tyrus", "org.bowline.benchmarks.servers.TyrusServer", Kind.PEER),
    RAW("raw", "org.bowline.benchmarks.servers.RawServer", Kind.RAW);

    /** Bowline is what the ratios are about; peers are what it is compared with; raw is the byte path's limit. */
    enum Kind { BOWLINE, PEER, RAW }

    final String id;
    final String launcher;
    final Kind kind;

    Implementation(String id, String launcher, Kind kind) {
        this.id = id;
        this.launcher = launcher;
        this.kind = kind;
    }

    /** The raw echo server only echoes bytes (on any path): it has no endpoint to broadcast or push. */
    boolean serves(String path) {
        return kind != Kind.RAW || !(path.equals("/broadcast") || path.equals("/push"));
    }

    static Implementation byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(i -> i.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown implementation \"" + id + "\"; known: "
                        + Arrays.stream(values()).map(i -> i.id).toList()));
    }

    static List<Implementation> all() {
        return List.of(values());
    }
}
