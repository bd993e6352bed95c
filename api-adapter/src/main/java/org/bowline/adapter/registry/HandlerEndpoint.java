package org.bowline.adapter.registry;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The Jakarta endpoint behind one connection of a named handler (a descriptor's server endpoint
 * or a client): turns the session's callbacks into the handler's events. When the handler throws
 * on {@code onopen} or {@code onmessage}, it gets {@code onerror} with what it threw (through the
 * container's onError), and the connection carries on; a failure on {@code onerror} or
 * {@code onclose} is logged.
 */
class HandlerEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(HandlerEndpoint.class.getName());

    private final String handlerName;
    private final WebsocketHandler handler;
    private final HandlerEngine engine;
    private final String where;

    /** @param where what the connection is for, in log lines (an endpoint, a client's URI) */
    HandlerEndpoint(String handlerName, WebsocketHandler handler, HandlerEngine engine, String where) {
        this.handlerName = handlerName;
        this.handler = handler;
        this.engine = engine;
        this.where = where;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> call(EventContext.message(session, text)));
        call(EventContext.open(session));
    }

    @Override
    public void onError(Session session, Throwable error) {
        callLogging(EventContext.error(session, error instanceof HandlerFailure failure ? failure.getCause() : error));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        callLogging(EventContext.close(session));
    }

    /** The container hands what this throws to onError. */
    private void call(EventContext context) {
        try {
            engine.run(handler, context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HandlerFailure(e);
        }
    }

    private void callLogging(EventContext context) {
        try {
            engine.run(handler, context);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Handler '" + handlerName + "' failed on " + context.getMethod()
                    + " (" + where + ")", e);
        }
    }

    /** A checked exception from the handler, on its way to onError. */
    private static final class HandlerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailure(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
