package org.bowline.servlet.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.junit.jupiter.api.Test;

/**
 * The stream Bowline writes an upgraded Jetty connection through keeps the Servlet non-blocking contract:
 * a write only while {@code isReady()}, {@code isReady()} false until the end point has taken all of it, and
 * {@code onWritePossible} once after a {@code false}.
 */
class EndPointOutputTest {

    private static final byte[] MESSAGE = "0123456789".getBytes(StandardCharsets.US_ASCII);

    private final ContainerStream container = new ContainerStream();
    private final Listener listener = new Listener();

    @Test
    void aWriteTheEndPointTakesAtOnceLeavesTheStreamReadyAndCallsNobody() throws IOException {
        ByteArrayEndPoint endPoint = new ByteArrayEndPoint(new byte[0], 64, true);
        JettyUpgradedInput.EndPointOutput out = open(endPoint);

        assertTrue(out.isReady());
        out.write(MESSAGE, 2, 5);

        assertTrue(out.isReady());
        assertEquals("23456", endPoint.takeOutputString());
        assertEquals(0, listener.writePossible);
    }

    @Test
    void aWriteTheEndPointCannotFinishKeepsTheStreamBusyUntilItDoesThenOnWritePossibleFollowsOnce() throws IOException {
        ByteArrayEndPoint endPoint = new ByteArrayEndPoint(new byte[0], 4, false);   // takes 4 bytes at a time
        JettyUpgradedInput.EndPointOutput out = open(endPoint);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        out.write(MESSAGE, 0, MESSAGE.length);
        assertFalse(out.isReady());
        assertThrows(IllegalStateException.class, () -> out.write(MESSAGE, 0, 1));

        drain(endPoint, received);   // 8 of 10 taken
        assertFalse(out.isReady());
        assertEquals(0, listener.writePossible);

        drain(endPoint, received);   // the last 2
        assertEquals(1, listener.writePossible);
        assertTrue(out.isReady());
        drain(endPoint, received);
        assertEquals("0123456789", received.toString(StandardCharsets.US_ASCII));
        assertEquals(1, listener.writePossible);
        assertNull(listener.error);
    }

    @Test
    void aWriteNobodyWaitedForCompletesWithoutOnWritePossible() throws IOException {
        ByteArrayEndPoint endPoint = new ByteArrayEndPoint(new byte[0], 4, false);
        JettyUpgradedInput.EndPointOutput out = open(endPoint);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        out.write(MESSAGE, 0, 6);
        drain(endPoint, received);
        drain(endPoint, received);

        assertTrue(out.isReady());
        assertEquals(0, listener.writePossible);
        assertEquals("012345", received.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aFailedWriteReachesTheListenerAndLaterWritesFail() throws IOException {
        ByteArrayEndPoint endPoint = new ByteArrayEndPoint(new byte[0], 4, false);
        JettyUpgradedInput.EndPointOutput out = open(endPoint);
        out.write(MESSAGE, 0, MESSAGE.length);
        assertFalse(out.isReady());

        endPoint.close();

        Throwable cause = listener.error;
        assertInstanceOf(Throwable.class, cause);
        IOException later = assertThrows(IOException.class, () -> out.write(MESSAGE, 0, 1));
        assertTrue(later == cause || later.getCause() == cause, "the later write fails with the end point's failure");
    }

    @Test
    void theContainersStreamGetsTheListenerAndDoesTheClosing() throws IOException {
        JettyUpgradedInput.EndPointOutput out = open(new ByteArrayEndPoint(new byte[0], 64, true));

        assertSame(listener, container.listener);
        out.close();

        assertTrue(container.closed);
    }

    private JettyUpgradedInput.EndPointOutput open(ByteArrayEndPoint endPoint) {
        JettyUpgradedInput.EndPointOutput out = new JettyUpgradedInput.EndPointOutput(container, endPoint);
        out.setWriteListener(listener);
        return out;
    }

    /** Takes what the end point holds and lets it go on with the write in progress, as a socket that drained would. */
    private static void drain(ByteArrayEndPoint endPoint, ByteArrayOutputStream into) {
        ByteBuffer taken = endPoint.takeOutput();
        byte[] bytes = new byte[taken.remaining()];
        taken.get(bytes);
        into.writeBytes(bytes);
        endPoint.getWriteFlusher().completeWrite();
    }

    private static final class Listener implements WriteListener {
        int writePossible;
        Throwable error;

        @Override
        public void onWritePossible() {
            writePossible++;
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }
    }

    /** Stands in for Jetty's upgraded servlet output stream, which the end point output only closes. */
    private static final class ContainerStream extends ServletOutputStream {
        WriteListener listener;
        boolean closed;

        @Override
        public boolean isReady() {
            throw new AssertionError("the container's stream is not written through");
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) {
            throw new AssertionError("the container's stream is not written through");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
