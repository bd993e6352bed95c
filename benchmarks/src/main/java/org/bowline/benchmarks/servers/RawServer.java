package org.bowline.benchmarks.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;

/**
 * The byte path's limit: one NIO thread that answers the opening handshake correctly (a real
 * Sec-WebSocket-Accept) and then echoes every byte it reads, frames untouched. No WebSocket stack
 * can beat it; the table uses it to show how much of a row the stack costs.
 */
public final class RawServer implements BenchServer {

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Selector selector;
    private ServerSocketChannel listener;
    private Thread thread;
    private volatile boolean running = true;

    @Override
    public void start(String host, int port) throws IOException {
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(host, port), 1024);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::loop, "raw-server");
        thread.start();
    }

    @Override
    public void stop() throws Exception {
        running = false;
        selector.wakeup();
        thread.join(5000);
    }

    /** One connection: its handshake bytes until the head ends, then what is still to be echoed. */
    private static final class Peer {
        final SocketChannel channel;
        ByteBuffer head = ByteBuffer.allocate(4096);
        final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();

        Peer(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private void loop() {
        ByteBuffer read = ByteBuffer.allocateDirect(256 * 1024);
        try {
            while (running) {
                selector.select();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        if (key.isAcceptable()) {
                            accept();
                        } else {
                            Peer peer = (Peer) key.attachment();
                            if (key.isWritable()) {
                                flush(key, peer);
                            }
                            if (key.isValid() && key.isReadable()) {
                                read(key, peer, read);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        key.cancel();
                        key.channel().close();
                    }
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            System.err.println("raw server: " + e);
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, new Peer(channel));
        }
    }

    private void read(SelectionKey key, Peer peer, ByteBuffer buffer) throws IOException {
        buffer.clear();
        int n = peer.channel.read(buffer);
        if (n < 0) {
            key.cancel();
            peer.channel.close();
            return;
        }
        buffer.flip();
        if (peer.head != null) {
            if (buffer.remaining() > peer.head.remaining()) {
                throw new IOException("handshake head too large");
            }
            peer.head.put(buffer);
            int end = indexOf(peer.head, HEAD_END);
            if (end < 0) {
                return;
            }
            ByteBuffer head = peer.head.flip();
            byte[] rest = new byte[head.limit() - end - HEAD_END.length];
            head.position(end + HEAD_END.length);
            head.get(rest);
            String request = new String(head.array(), 0, end, StandardCharsets.ISO_8859_1);
            peer.head = null;
            send(key, peer, ByteBuffer.wrap(switchingProtocols(request)));
            if (rest.length > 0) {
                send(key, peer, ByteBuffer.wrap(rest));
            }
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer).flip();
        send(key, peer, copy);
    }

    private void send(SelectionKey key, Peer peer, ByteBuffer bytes) throws IOException {
        if (peer.pending.isEmpty()) {
            peer.channel.write(bytes);
            if (!bytes.hasRemaining()) {
                return;
            }
        }
        peer.pending.add(bytes);
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private void flush(SelectionKey key, Peer peer) throws IOException {
        while (!peer.pending.isEmpty()) {
            ByteBuffer next = peer.pending.peek();
            peer.channel.write(next);
            if (next.hasRemaining()) {
                return;
            }
            peer.pending.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    static byte[] switchingProtocols(String request) throws IOException {
        String key = null;
        for (String line : request.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                key = line.substring(colon + 1).trim();
            }
        }
        if (key == null) {
            throw new IOException("no Sec-WebSocket-Key");
        }
        String accept;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            accept = Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(ByteBuffer written, byte[] needle) {
        byte[] a = written.array();
        for (int i = 0; i + needle.length <= written.position(); i++) {
            int j = 0;
            while (j < needle.length && a[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }
}
