package org.bowline.servlet;

import java.util.function.Function;

import jakarta.servlet.ServletContext;

import org.bowline.container.io.QueueBudget;
import org.bowline.container.session.SessionLimits;

/**
 * A web application's session limits and queue budget: Bowline's safe defaults, each of which a context init
 * parameter {@code org.bowline.websocket.NAME} may change (in {@code web.xml}
 * {@code <context-param>}, or the container's own configuration of the context):
 * {@code maxTextMessageBytes}, {@code maxBinaryMessageBytes}, {@code maxFramePayload} (0, the default,
 * follows the message sizes), {@code maxFragmentsPerMessage},
 * {@code maxOutboundQueuedBytes}, {@code maxInboundPendingBytes}, {@code idleTimeoutMillis},
 * {@code closeTimeoutMillis}, {@code sendTimeoutMillis}, and {@code queueBudgetBytes} (the
 * application's {@link QueueBudget}, as {@code BowlineServer.Builder.queueBudget} sets the standalone
 * server's). The message sizes are also what {@code ServerContainer.getDefaultMax...MessageBufferSize}
 * then start from.
 */
final class ContextLimits {

    static final String PREFIX = "org.bowline.websocket.";

    private ContextLimits() {
    }

    /** The limits for {@code context}; an init parameter that is not a number is an error naming it. */
    static SessionLimits of(ServletContext context) {
        SessionLimits d = SessionLimits.defaults();
        Function<String, String> param = context::getInitParameter;
        return new SessionLimits(
                value(param, "maxTextMessageBytes", d.maxTextMessageBytes()),
                value(param, "maxBinaryMessageBytes", d.maxBinaryMessageBytes()),
                value(param, "maxFramePayload", d.maxFramePayload()),
                value(param, "maxOutboundQueuedBytes", d.maxOutboundQueuedBytes()),
                value(param, "maxInboundPendingBytes", d.maxInboundPendingBytes()),
                value(param, "idleTimeoutMillis", d.idleTimeoutMillis()),
                value(param, "closeTimeoutMillis", d.closeTimeoutMillis()),
                value(param, "sendTimeoutMillis", d.sendTimeoutMillis()),
                value(param, "maxFragmentsPerMessage", d.maxFragmentsPerMessage()));
    }

    /** The bytes all of the application's sessions may hold queued (see {@link QueueBudget}); must be {@code > 0}. */
    static long queueBudgetBytes(ServletContext context) {
        long bytes = value(context::getInitParameter, "queueBudgetBytes", QueueBudget.DEFAULT_LIMIT);
        if (bytes <= 0) {
            throw new IllegalArgumentException("Context init parameter " + PREFIX + "queueBudgetBytes must be > 0,"
                    + " was " + bytes);
        }
        return bytes;
    }

    private static long value(Function<String, String> param, String name, long otherwise) {
        String text = param.apply(PREFIX + name);
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context init parameter " + PREFIX + name + " must be a whole number,"
                    + " was \"" + text + "\"", e);
        }
    }
}
