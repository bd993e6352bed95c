package org.bowline.container.session;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.RemoteEndpoint;

import org.bowline.container.frame.Opcode;

/** What the Basic and Async remote endpoints share: batching flag, ping and pong. */
abstract class RemoteBase implements RemoteEndpoint {

    final Outbound outbound;
    private volatile boolean batching;

    RemoteBase(Outbound outbound) {
        this.outbound = outbound;
    }

    @Override
    public void setBatchingAllowed(boolean allowed) {
        batching = allowed;
        if (!allowed) {
            outbound.flush();   // the spec: what is held leaves before the mode changes
        }
    }

    @Override
    public boolean getBatchingAllowed() {
        return batching;
    }

    @Override
    public void flushBatch() {
        // Sends are not batched for later; only the replies of a burst of callbacks may be held (see FrameSender).
        outbound.flush();
    }

    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException {
        outbound.sendControlBlocking(Opcode.PING, applicationData);
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException {
        outbound.sendControlBlocking(Opcode.PONG, applicationData);
    }
}
