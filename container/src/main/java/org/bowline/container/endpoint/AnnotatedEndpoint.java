package org.bowline.container.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The programmatic {@link Endpoint} face of one annotated endpoint instance: it registers a message
 * handler per {@code @OnMessage} method through the public Session API and calls the annotated
 * methods. One adapter serves one session.
 *
 * <p>Exceptions thrown by an {@code @OnMessage} method leave the handler unchanged (not wrapped), so
 * the session passes the application's own exception to {@link #onError}, and from there to
 * {@code @OnError}.
 */
public final class AnnotatedEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoint.class.getName());

    private final Object instance;
    private final AnnotatedEndpointModel model;

    public AnnotatedEndpoint(Object instance, AnnotatedEndpointModel model) {
        if (instance == null || model == null) {
            throw new IllegalArgumentException("An annotated endpoint needs an instance and its model");
        }
        if (!model.endpointClass().isInstance(instance)) {
            throw new IllegalArgumentException("Endpoint instance of " + instance.getClass().getName()
                    + " is not a " + model.endpointClass().getName());
        }
        this.instance = instance;
        this.model = model;
    }

    /** The application's endpoint object. */
    public Object instance() {
        return instance;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        for (MessageMethod m : model.messageMethods()) {
            register(session, m);
        }
        EndpointMethod onOpen = model.onOpen();
        if (onOpen != null) {
            call(onOpen, session, config, null, false);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        EndpointMethod onClose = model.onClose();
        if (onClose != null) {
            call(onClose, session, closeReason, null, false);
        }
    }

    @Override
    public void onError(Session session, Throwable thr) {
        EndpointMethod onError = model.onError();
        if (onError == null) {
            LOG.log(System.Logger.Level.WARNING, "Session " + session.getId() + " of " + instance.getClass().getName()
                    + " failed, and the endpoint has no @OnError method", thr);
            return;
        }
        call(onError, session, thr, null, false);
    }

    @SuppressWarnings("unchecked")
    private void register(Session session, MessageMethod m) {
        long max = m.maxMessageSize();
        if (max > 0) {
            int size = (int) Math.min(Integer.MAX_VALUE, max);
            for (MessageKind kind : m.kinds()) {
                switch (kind) {
                    case TEXT -> session.setMaxTextMessageBufferSize(size);
                    case BINARY -> session.setMaxBinaryMessageBufferSize(size);
                    case PONG -> { } // pongs are control frames: at most 125 bytes whatever the setting
                }
            }
        }
        Class<Object> type = (Class<Object>) m.messageType();
        if (m.partial()) {
            session.addMessageHandler(type, (MessageHandler.Partial<Object>) (part, last) ->
                    reply(session, call(m.method(), session, null, part, last)));
        } else {
            session.addMessageHandler(type, (MessageHandler.Whole<Object>) message ->
                    reply(session, call(m.method(), session, null, message, true)));
        }
    }

    /** Sends an {@code @OnMessage} method's return value back (the session applies encoders). */
    private static void reply(Session session, Object result) {
        if (result == null) {
            return;
        }
        try {
            session.getBasicRemote().sendObject(result);
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    private Object call(EndpointMethod method, Session session, Object context, Object message, boolean last) {
        try {
            return method.invoke(instance, session, context, message, last);
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    /**
     * Rethrows any throwable without wrapping it: Endpoint and MessageHandler methods declare no
     * checked exceptions, yet {@code @OnError} must see the IOException (or DecodeException, ...)
     * the application method threw, not a wrapper.
     */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public String toString() {
        return "AnnotatedEndpoint[" + instance.getClass().getName() + "]";
    }
}
