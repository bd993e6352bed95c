package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external programs that peer tests drive. A test whose peer is missing is skipped
 * with a message saying what to install, or fails instead when {@value #REQUIRE_PROPERTY} is
 * true (as in CI), so a missing install step cannot pass unnoticed.
 */
public final class ExternalPeers {

    static final String REQUIRE_PROPERTY = "bowline.requirePeers";

    private static final System.Logger LOG = System.getLogger(ExternalPeers.class.getName());

    private ExternalPeers() {
    }

    /** The examples module's directory (surefire runs tests there and says so in {@code basedir}). */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** An executable of this name on PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Skips or fails the running test if anything is missing; each entry says what and how to install it. */
    public static void require(String peer, List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String message = peer + " is not available: " + String.join("; ", missing);
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            fail(message + " (" + REQUIRE_PROPERTY + "=true, so a missing peer fails the build)");
        }
        // Surefire's summary counts skips without their reasons; this line says what to install.
        LOG.log(System.Logger.Level.WARNING, "Skipped: {0}", message);
        Assumptions.abort(message);
    }
}
