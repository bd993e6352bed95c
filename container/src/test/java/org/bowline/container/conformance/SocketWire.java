package org.bowline.container.conformance;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A {@link Wire} over TCP: Bowline's standalone server or its NIO client on the other side. */
public final class SocketWire implements Wire {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Takes over a connected socket (e.g. one a test's listener accepted), reads timing out after {@code timeoutMillis}. */
    public SocketWire(Socket socket, int timeoutMillis) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /**
     * Connects to 127.0.0.1:{@code port}; {@code receiveBufferBytes} > 0 sets SO_RCVBUF before connecting
     * (it cannot shrink the window after).
     */
    public static SocketWire connect(int port, int receiveBufferBytes, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            return new SocketWire(socket, timeoutMillis);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** TCP gives no sign that the peer has read something, so this can only pause. */
    @Override
    public void settle(long pauseMillis) throws InterruptedException {
        if (pauseMillis > 0) {
            Thread.sleep(pauseMillis);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public int remotePort() {
        return socket.getPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
