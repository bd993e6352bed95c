package org.bowline.examples;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The {@link Subcommand}s on the class path, in the order their service files list them. */
final class Subcommands {

    private Subcommands() {
    }

    /**
     * Every subcommand that loads. One that cannot (its class or a library it needs is missing from
     * a hand-made class path) is named on standard error and left out, so the others and the usage
     * text still work.
     */
    static List<Subcommand> all() {
        List<Subcommand> found = new ArrayList<>();
        Iterator<Subcommand> providers = ServiceLoader.load(Subcommand.class, Subcommands.class.getClassLoader()).iterator();
        // An iterator that kept failing on the same entry must not loop forever.
        for (int failures = 0; failures < 100; ) {
            try {
                if (!providers.hasNext()) {
                    return found;
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failures++;
                // The loader moves on to the next provider after an error (ServiceLoader's iterator contract).
                System.err.println("bowline-examples: a subcommand is unavailable: " + e);
            }
        }
        return found;
    }
}
