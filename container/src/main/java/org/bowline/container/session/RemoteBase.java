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
    }

    @Override
    public boolean getBatchingAllowed() {
        return batching;
    }

    @Override
    public void flushBatch() {
        // Every send is handed to the transport at once, so there is never a batch to flush.
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
