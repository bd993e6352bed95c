package org.bowline.benchmarks.load;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the build put things: {@code target/classes}, {@code target/impl/NAME/*.jar}, and where logs go. */
record Layout(Path target) {

    /** The module's target directory, found from where this class was loaded (target/classes or target/benchmarks.jar). */
    static Layout fromCodeLocation() {
        try {
            Path here = Path.of(Layout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Layout(here.getParent());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path logs() {
        return target.resolve("load-logs");
    }

    String classPath(Implementation implementation) throws IOException {
        StringBuilder path = new StringBuilder(target.resolve("classes").toString());
        Path lib = target.resolve("impl").resolve(implementation.id);
        if (implementation.kind != Implementation.Kind.RAW) {
            if (!Files.isDirectory(lib)) {
                throw new IOException("no class path for " + implementation.id + " at " + lib
                        + " (build the module first: mvn -B -pl benchmarks -am package -DskipTests)");
            }
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                        .forEach(jar -> path.append(File.pathSeparatorChar).append(jar));
            }
        }
        return path.toString();
    }
}
