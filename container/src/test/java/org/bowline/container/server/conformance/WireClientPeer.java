package org.bowline.container.server.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import org.bowline.container.conformance.Peer;

/** The role-neutral cases' {@link Peer} when Bowline is the server: a {@link WireClient}, masking every frame. */
public final class WireClientPeer implements Peer {

    private final WireClient client;
    private final ClientDeflate deflate;

    public WireClientPeer(WireClient client) {
        this(client, null);
    }

    /** A peer on a connection where {@code deflate} states the permessage-deflate agreement (null: none). */
    WireClientPeer(WireClient client, ClientDeflate deflate) {
        this.client = client;
        this.deflate = deflate;
    }

    private ClientDeflate deflate() {
        if (deflate == null) {
            throw new IllegalStateException("permessage-deflate was not agreed on this connection");
        }
        return deflate;
    }

    @Override
    public byte[] compress(byte[] message) {
        return deflate().compress(message);
    }

    @Override
    public void expectCompressedEcho(int opcode, byte[] message) throws IOException {
        deflate().expectCompressedEcho(client, opcode, message);
    }

    @Override
    public byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return WireClient.frame(fin, rsv, opcode, payload);
    }

    @Override
    public byte[] header(boolean fin, int rsv, int opcode, long length) {
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        return Peer.header(fin, rsv, opcode, length, key);
    }

    @Override
    public Frame readFrame() throws IOException {
        var f = client.readFrame();
        return new Frame(f.fin(), f.rsv(), f.opcode(), f.payload());
    }

    @Override
    public void setTimeout(int millis) throws IOException {
        client.setTimeout(millis);
    }

    @Override
    public void sendRaw(byte[] bytes) throws IOException {
        client.sendRaw(bytes);
    }

    @Override
    public void sendChopped(byte[] bytes, int chunk, long pauseMillis) throws InterruptedException {
        client.sendChopped(bytes, chunk, pauseMillis);
    }

    @Override
    public void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        client.send(fin, rsv, opcode, payload);
    }

    @Override
    public void settle(long pauseMillis) throws InterruptedException {
        client.settle(pauseMillis);
    }

    @Override
    public void sendFragmented(int opcode, byte[] payload, int fragment) throws IOException {
        client.sendFragmented(opcode, payload, fragment);
    }

    @Override
    public void expectEcho(int opcode, byte[] payload) throws IOException {
        client.expectEcho(opcode, payload);
    }

    @Override
    public void expectEcho(String text) throws IOException {
        client.expectEcho(text);
    }

    @Override
    public void expectPong(byte[] payload) throws IOException {
        client.expectPong(payload);
    }

    @Override
    public void expectFailure(int code) throws IOException {
        client.expectFailure(code);
    }

    @Override
    public void closeNormally() throws IOException {
        client.closeNormally();
    }

    @Override
    public void expectCloseReply(int code) throws IOException {
        client.expectCloseFrame(code);
    }

    @Override
    public void expectEmptyCloseReply() throws IOException {
        Frame f = readFrame();
        assertEquals(CLOSE, f.opcode(), () -> "expected close, got " + f);
        assertArrayEquals(new byte[0], f.payload(), "a close without code is answered without code (RFC 6455 5.5.1)");
    }

    /** The server closes TCP right after its close frame. */
    @Override
    public void expectEnd() throws IOException {
        client.expectEof();
    }
}
