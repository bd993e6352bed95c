package org.bowline.examples;

import java.util.List;
import java.util.ServiceLoader;

/** The {@link Subcommand}s on the class path, in the order their service files list them. */
final class Subcommands {

    private Subcommands() {
    }

    static List<Subcommand> all() {
        return ServiceLoader.load(Subcommand.class, Subcommands.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
