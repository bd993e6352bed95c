package org.bowline.container.client;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** A programmatic client endpoint that records what it receives. */
public class RecordingClient extends Endpoint {

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    final CountDownLatch opened = new CountDownLatch(1);

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, messages::add);
        session.addMessageHandler(ByteBuffer.class, data -> {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            messages.add(bytes);
        });
        opened.countDown();
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closes.add(reason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        errors.add(thr);
    }

    Object next() throws InterruptedException {
        Object message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 10 s; errors: " + errors);
        }
        return message;
    }

    CloseReason nextClose() throws InterruptedException {
        CloseReason reason = closes.poll(10, TimeUnit.SECONDS);
        if (reason == null) {
            throw new AssertionError("no close within 10 s; errors: " + errors);
        }
        return reason;
    }
}
