package org.bowline.examples;

import java.util.List;

/**
 * One more {@code bowline-examples} subcommand, found through {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/org.bowline.examples.Subcommand}), so that each model's
 * scenarios live in classes of their own and {@link CommandLine} does not grow a case per scenario.
 */
public interface Subcommand {

    /** The word that selects it: {@code java -jar bowline-examples.jar NAME ...}. */
    String name();

    /** Its lines of the usage text, starting with the synopsis. */
    String usage();

    /**
     * Runs it with the arguments after its name. A server scenario prints {@code READY <url>} once
     * it accepts connections and returns only when stopped.
     *
     * @return the process's exit status
     * @throws UsageException if the arguments are wrong (exit status 2, with the usage)
     */
    int run(List<String> arguments) throws Exception;
}
