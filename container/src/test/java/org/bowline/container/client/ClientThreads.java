package org.bowline.container.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Checks that a closed container left no I/O or timer thread behind. */
final class ClientThreads {

    private ClientThreads() {
    }

    static List<String> of(BowlineClientContainer container) {
        String prefix = container.name() + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix) && !n.startsWith(prefix + "session"))
                .toList();
    }

    static void assertNoneLeft(BowlineClientContainer container) {
        assertEquals(List.of(), of(container), "threads of " + container.name() + " still running");
    }
}
