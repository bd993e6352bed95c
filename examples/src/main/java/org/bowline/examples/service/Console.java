package org.bowline.examples.service;

import java.io.PrintStream;

/**
 * Standard output for the scenarios: one whole line at a time (callbacks of many connections print
 * at once) and flushed at once, as scripts and tests read it line by line while the server runs.
 */
final class Console {

    private static final Object LOCK = new Object();

    private Console() {
    }

    static void println(String line) {
        synchronized (LOCK) {
            PrintStream out = System.out;
            out.println(line);
            out.flush();
        }
    }
}
