package org.bowline.tck.jetty;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the server's and the WARs' scratch directories. */
final class Directories {

    private static final System.Logger LOG = System.getLogger(Directories.class.getName());

    private Directories() {
    }

    /** Deletes a directory tree; what cannot be deleted is logged and left behind. */
    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(Directories::delete);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + dir + ": " + e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + path + ": " + e);
        }
    }
}
