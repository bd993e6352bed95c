package org.bowline.container.client.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.bowline.container.conformance.Peer;

/** The role-neutral cases' {@link Peer} when Bowline is the client: a {@link WireServer}, which never masks. */
final class WireServerPeer implements Peer {

    private final WireServer server;

    WireServerPeer(WireServer server) {
        this.server = server;
    }

    @Override
    public byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return WireServer.frame(fin, rsv, opcode, payload);
    }

    @Override
    public byte[] header(boolean fin, int rsv, int opcode, long length) {
        return WireServer.header(fin, rsv, opcode, length);
    }

    @Override
    public Frame readFrame() throws IOException {
        var f = server.readFrame();
        return new Frame(f.fin(), f.rsv(), f.opcode(), f.payload());
    }

    @Override
    public void setTimeout(int millis) throws IOException {
        server.setTimeout(millis);
    }

    @Override
    public void sendRaw(byte[] bytes) throws IOException {
        server.sendRaw(bytes);
    }

    @Override
    public void sendChopped(byte[] bytes, int chunk, long pauseMillis) throws InterruptedException {
        server.sendChopped(bytes, chunk, pauseMillis);
    }

    @Override
    public void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        server.send(fin, rsv, opcode, payload);
    }

    @Override
    public void settle(long pauseMillis) throws InterruptedException {
        server.settle(pauseMillis);
    }

    @Override
    public void sendFragmented(int opcode, byte[] payload, int fragment) throws IOException {
        server.sendFragmented(opcode, payload, fragment);
    }

    @Override
    public void expectEcho(int opcode, byte[] payload) throws IOException {
        server.expectEcho(opcode, payload);
    }

    @Override
    public void expectEcho(String text) throws IOException {
        server.expectEcho(text);
    }

    @Override
    public void expectPong(byte[] payload) throws IOException {
        server.expectPong(payload);
    }

    @Override
    public void expectFailure(int code) throws IOException {
        server.expectFailure(code);
    }

    @Override
    public void closeNormally() throws IOException {
        server.closeNormally();
    }

    @Override
    public byte[] compress(byte[] message) {
        if (server.deflate() == null) {
            throw new IllegalStateException("permessage-deflate was not agreed on this connection");
        }
        return server.deflate().compress(message);
    }

    /** {@link WireServer#readMessage()} decodes a compressed echo with the agreed context and window. */
    @Override
    public void expectCompressedEcho(int opcode, byte[] message) throws IOException {
        WireServer.Message echo = server.expectEcho(opcode, message);
        assertTrue(echo.compressed(), "the client's echo is not compressed though permessage-deflate was agreed");
    }

    @Override
    public void closeNormally(int code) throws IOException {
        server.closeNormally(code);
    }

    @Override
    public void expectCloseReply(int code) throws IOException {
        server.expectCloseReply(code);
    }

    /** The close reply without a code; the client's endpoint must be told 1005 (no status received). */
    @Override
    public void expectEmptyCloseReply() throws IOException {
        Frame f = readFrame();
        assertEquals(CLOSE, f.opcode(), () -> "expected a close reply, got " + f);
        assertArrayEquals(new byte[0], f.payload(), "a close without a code is answered without one (RFC 6455 5.5.1)");
        server.expectClientCloseCode(1005);
    }

    /** This server closes TCP first; the client must then close its end without another byte. */
    @Override
    public void expectEnd() {
        server.finish();
    }
}
