package org.bowline.adapter.service;

import java.util.function.BiConsumer;

/**
 * One connection of an {@link AsyncClient}: every message and control frame goes to the
 * {@link Service}, one callback at a time, in the order they arrived. A value returned from a
 * message callback is sent back; an exception thrown by a callback reaches {@code onError} and
 * closes the connection with 1011.
 */
final class ClientServiceEndpoint extends ClientEndpoint {

    private static final System.Logger LOG = System.getLogger(ClientServiceEndpoint.class.getName());

    private final Service service;
    private final boolean serviceAnswersPings;
    private final BiConsumer<ClientCaller, CloseFrame> closed;

    ClientServiceEndpoint(String url, ClientConfiguration config, Service service,
                    BiConsumer<ClientCaller, CloseFrame> closed) {
        super(url, config, false);
        this.service = service;
        this.serviceAnswersPings = answersPings(service);
        this.closed = closed;
    }

    @Override
    public boolean containerAnswersPings() {
        return !serviceAnswersPings;
    }

    @Override
    void onOpen(ClientCaller caller) {
        run(caller, () -> service.onOpen(caller));
    }

    @Override
    void onText(ClientCaller caller, String text) {
        run(caller, () -> caller.writeMessage(service.onTextMessage(caller, text)));
    }

    @Override
    void onBinary(ClientCaller caller, byte[] data) {
        run(caller, () -> caller.writeMessage(service.onBinaryMessage(caller, data)));
    }

    @Override
    void onPing(ClientCaller caller, byte[] data) {
        // A service that keeps the default onPing has had its pong sent by the container already.
        if (serviceAnswersPings) {
            run(caller, () -> service.onPing(caller, data));
        }
    }

    @Override
    void onPong(ClientCaller caller, byte[] data) {
        run(caller, () -> service.onPong(caller, data));
    }

    @Override
    void onClose(ClientCaller caller, int statusCode, String reason) {
        closed.accept(caller, new CloseFrame(statusCode, reason));
        try {
            service.onClose(caller, statusCode, reason);
        } catch (RuntimeException e) {
            error(caller, e);
        }
    }

    @Override
    void onError(ClientCaller caller, Throwable error) {
        error(caller, error);
    }

    @Override
    void asyncWriteFailed(Throwable error) {
        error(null, error);
    }

    private void run(ClientCaller caller, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            error(caller, e);
            if (caller.isOpen()) {
                caller.close(1011, "Unexpected condition in the client's service");
            }
        }
    }

    private void error(ClientCaller caller, Throwable error) {
        try {
            service.onError(caller, error);
        } catch (RuntimeException again) {
            LOG.log(System.Logger.Level.WARNING, "onError of " + service.getClass().getName() + " for " + url()
                    + " threw while handling " + error, again);
        }
    }
}
