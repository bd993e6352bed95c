package org.bowline.container.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Checks that a closed container left no I/O, timer or session thread behind. */
public final class ClientThreads {

    private ClientThreads() {
    }

    public static List<String> of(BowlineClientContainer container) {
        String prefix = container.name() + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .toList();
    }

    private static String stacks(BowlineClientContainer container) {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith(container.name() + "-")) {
                out.append("\n").append(thread.getName()).append(" ").append(thread.getState());
                for (StackTraceElement frame : stack) {
                    out.append("\n    at ").append(frame);
                }
            }
        });
        return out.toString();
    }

    /**
     * I/O threads are joined by close(); idle session threads leave right after it, so give them a moment.
     * On failure the message shows what each one left was doing.
     */
    public static void assertNoneLeft(BowlineClientContainer container) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (!of(container).isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertEquals(List.of(), of(container), () -> "threads of " + container.name() + " still running:"
                + stacks(container));
    }
}
