package org.bowline.adapter.service;

import java.nio.ByteBuffer;
import java.util.concurrent.Callable;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import org.bowline.container.frame.CloseCodes;
import org.bowline.container.session.BowlineSession;
import org.bowline.container.session.IdleReceiver;
import org.bowline.container.session.PingListener;

/**
 * The Jakarta endpoint of one service-model connection: dispatches the session's events to the
 * {@link Service} its upgrade returned. The container runs these callbacks one at a time, in order,
 * never on an I/O thread. A value a message callback returns is sent back; what a callback throws
 * goes to {@link Service#onError} and closes the connection with 1011.
 */
final class ServiceEndpoint extends Endpoint implements PingListener, IdleReceiver {

    private static final System.Logger LOG = System.getLogger(ServiceEndpoint.class.getName());

    private Service service;
    private SessionCaller caller;
    private OpenConnections connections;

    ServiceEndpoint() {
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        caller = new SessionCaller(session);
        Object handedOver = config.getUserProperties().get(ServiceConfigurator.UPGRADED);
        session.getUserProperties().remove(ServiceConfigurator.UPGRADED);
        if (!(handedOver instanceof ServiceConfigurator.Upgraded upgraded)) {
            LOG.log(System.Logger.Level.WARNING, "Connection {0} at {1} was not opened through an upgrade service;"
                    + " closing it", session.getId(), session.getRequestURI());
            caller.close(CloseCodes.INTERNAL_ERROR, "No service");
            return;
        }
        service = upgraded.service();
        connections = upgraded.connections();
        apply(session, upgraded.configuration());
        connections.add(caller);
        if (connections.refusing()) {
            // Upgraded just before a graceful stop began, which could not see it yet.
            caller.close(CloseCodes.GOING_AWAY, "Server is going away");
            return;
        }
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                dispatch(() -> service.onTextMessage(caller, text)));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data ->
                dispatch(() -> service.onBinaryMessage(caller, bytes(data))));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong ->
                dispatch(() -> {
                    service.onPong(caller, bytes(pong.getApplicationData()));
                    return null;
                }));
        dispatch(() -> {
            service.onOpen(caller);
            return null;
        });
    }

    private static void apply(Session session, ServiceConfiguration configuration) {
        long idleMillis = configuration.idleTimeout().toMillis();
        session.setMaxIdleTimeout(configuration.idleTimeout().isZero() ? 0 : Math.max(1, idleMillis));
        int maxFrame = configuration.maxFrameSize();
        // A message may span several frames: its limit is never below one frame's.
        if (session.getMaxTextMessageBufferSize() < maxFrame) {
            session.setMaxTextMessageBufferSize(maxFrame);
        }
        if (session.getMaxBinaryMessageBufferSize() < maxFrame) {
            session.setMaxBinaryMessageBufferSize(maxFrame);
        }
        if (session instanceof BowlineSession bowline) {
            bowline.setMaxFramePayload(maxFrame);
            bowline.setCloseTimeout(Math.max(1, configuration.connectionClosureTimeout().toMillis()));
        }
    }

    /** The service answers pings: {@link Service#onPing}'s default sends the pong, an override decides. */
    @Override
    public boolean containerAnswersPings() {
        return false;
    }

    @Override
    public void onPing(Session session, ByteBuffer payload) {
        if (service != null) {
            dispatch(() -> {
                service.onPing(caller, bytes(payload));
                return null;
            });
        }
    }

    @Override
    public void onIdle(Session session) {
        if (service != null) {
            dispatch(() -> {
                service.onIdleTimeout(caller);
                return null;
            });
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        int code = closeReason.getCloseCode().getCode();
        String reason = closeReason.getReasonPhrase() == null ? "" : closeReason.getReasonPhrase();
        if (caller == null) {
            return;
        }
        // Out of the set before the close is announced: a graceful stop waiting on it then finds none left.
        if (connections != null) {
            connections.remove(caller);
        }
        caller.closed(code, reason);
        if (service != null) {
            Throwable failure = run(() -> {
                service.onClose(caller, code, reason);
                return null;
            });
            if (failure != null) {
                reportError(failure);
            }
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        if (service != null) {
            reportError(failure);
        }
    }

    /** Runs a callback and sends back what it returns; a failure goes to onError and closes with 1011. */
    private void dispatch(Callable<Object> callback) {
        Throwable failure = run(callback);
        if (failure != null) {
            reportError(failure);
            if (caller.isOpen()) {
                caller.close(CloseCodes.INTERNAL_ERROR, "Internal server error");
            }
        }
    }

    /** @return what the callback (or sending its reply) threw, or null */
    private Throwable run(Callable<Object> callback) {
        caller.enterCallback();
        try {
            Object reply = callback.call();
            if (reply != null) {
                caller.writeMessage(reply);
            }
            return null;
        } catch (Throwable t) {
            return t;
        } finally {
            caller.exitCallback();
        }
    }

    private void reportError(Throwable failure) {
        caller.enterCallback();
        try {
            service.onError(caller, failure);
        } catch (Throwable again) {
            LOG.log(System.Logger.Level.WARNING, "onError of " + service.getClass().getName() + " on connection "
                    + caller.getConnectionId() + " threw while handling " + failure, again);
        } finally {
            caller.exitCallback();
        }
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }
}
