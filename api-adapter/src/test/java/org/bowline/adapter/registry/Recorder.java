package org.bowline.adapter.registry;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A handler for tests: records each event as {@code "<method> <message or error>"} and answers
 * {@code onmessage} with {@code "Echo: <message>"} (unless told not to); "fail" makes it throw, "bye" makes it close.
 */
final class Recorder implements WebsocketHandler {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final boolean replies;

    /** One that answers messages. */
    Recorder() {
        this(true);
    }

    Recorder(boolean replies) {
        this.replies = replies;
    }

    @Override
    public void handle(WebsocketContext context) throws Exception {
        events.add(context.getMethod() + (context.getMessage() != null ? " " + context.getMessage()
                : context.getError() != null ? " " + context.getError() : ""));
        if (replies && context.isOnMessage()) {
            switch (context.getMessage()) {
                case "fail" -> throw new java.io.IOException("the handler failed on purpose");
                case "bye" -> context.close();
                default -> context.send("Echo: " + context.getMessage());
            }
        }
    }

    /** The next event, failing after 10 s. */
    String next() throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 10 s");
        }
        return event;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }
}
