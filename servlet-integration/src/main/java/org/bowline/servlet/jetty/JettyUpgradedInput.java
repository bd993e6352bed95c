package org.bowline.servlet.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import org.bowline.servlet.UpgradedStreams;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.TunnelSupport;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * For embedded Jetty 12.1 (ee10, ee11): wrap the server's handler with this so that WebSocket
 * connections upgraded through {@code HttpServletRequest.upgrade} receive what the client sends
 * after the 101.
 *
 * <p>Why it is needed (seen on Jetty 12.1.0 to 12.1.14): for a request without a body — every
 * WebSocket handshake — Jetty's HTTP/1.1 connection parses the request to its end before
 * dispatching it and stores an end-of-content chunk on the stream; switching the connection to a
 * tunnel for the upgrade does not clear it, so the upgraded {@code ServletInputStream} reports
 * end-of-input forever. No Servlet API call avoids it, hence this Jetty-specific piece, which is
 * the only class of this module that imports Jetty (an optional dependency).
 *
 * <p>Until the 101 is committed and Jetty reports that stale end, reads go to Jetty as usual, so
 * bytes Jetty already buffered are not lost; from then on they come straight from the connection's
 * end point, with demand mapped to fill interest. Requests without an Upgrade header pass through
 * untouched.
 *
 * <p>It also offers Bowline shorter ways in and out ({@link UpgradedStreams}). Reads come from this request
 * as above, but not through Jetty's servlet input and request state machine, and the callback that says
 * bytes have arrived runs on Jetty's selector thread, as a read by Bowline's own server does on its I/O
 * thread: it only reads, parses and hands messages to the session's thread (through the servlet input,
 * Jetty would first wake a pool thread for it, one thread more on every burst's way to the application).
 * Writes go straight to the end point, instead of through the servlet output stream, response and HTTP/1.1
 * stream (a third of the sending thread's time when a message goes to a thousand sessions). Jetty has
 * flushed the 101 before the upgrade handler starts, and closing still goes through Jetty's streams, so the
 * request ends as before.
 *
 * <p>In the Jetty distribution the {@code ee10-bowline} and {@code ee11-bowline} modules of
 * {@code bowline-jetty-integration} install it in front of every context through Jetty XML.
 */
public final class JettyUpgradedInput extends Handler.Wrapper {

    private static final int READ_BYTES = 16 * 1024;

    /** For Jetty XML ({@code Server.insertHandler}), as the {@code ee10-bowline}/{@code ee11-bowline} modules do. */
    public JettyUpgradedInput() {
    }

    public JettyUpgradedInput(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().contains(HttpHeader.UPGRADE)) {
            TunnelledRequest tunnelled = new TunnelledRequest(request, response);
            return super.handle(tunnelled, response, tunnelled.closingWhenDone(callback));
        }
        return super.handle(request, response, callback);
    }

    private static final class TunnelledRequest extends Request.Wrapper {

        private final Response response;
        private volatile EndPoint endPoint;
        private ByteBufferPool bufferPool;   // racy caching is harmless: it is always the server's one pool

        TunnelledRequest(Request request, Response response) {
            super(request);
            this.response = response;
            setAttribute(UpgradedStreams.ATTRIBUTE, new UpgradedStreams() {
                @Override
                public ServletInputStream in(ServletInputStream upgraded) {
                    return new RequestInput(upgraded, TunnelledRequest.this);
                }

                @Override
                public ServletOutputStream out(ServletOutputStream upgraded) {
                    return switched() ? new EndPointOutput(upgraded, rawEndPoint()) : upgraded;
                }
            });
        }

        /**
         * The request's callback, which for a switched connection first closes the connection: when
         * an upgraded request completes (the upgrade handler closed its streams), Jetty would
         * otherwise go back to parsing HTTP on it, and answer the peer's next bytes (its close
         * reply, say) with a 400. A WebSocket connection ends when its closing handshake does.
         */
        Callback closingWhenDone(Callback callback) {
            return new Callback() {
                @Override
                public void succeeded() {
                    closeIfSwitched(null);
                    callback.succeeded();
                }

                @Override
                public void failed(Throwable failure) {
                    closeIfSwitched(failure);
                    callback.failed(failure);
                }

                @Override
                public InvocationType getInvocationType() {
                    return callback.getInvocationType();
                }
            };
        }

        private void closeIfSwitched(Throwable failure) {
            if (switched()) {
                rawEndPoint().close(failure);
            }
        }

        private boolean switched() {
            return response.getStatus() == HttpStatus.SWITCHING_PROTOCOLS_101 && response.isCommitted();
        }

        private EndPoint rawEndPoint() {
            TunnelSupport tunnel = getWrapped().getTunnelSupport();
            return tunnel != null ? tunnel.getEndPoint() : getConnectionMetaData().getConnection().getEndPoint();
        }

        @Override
        public Content.Chunk read() {
            EndPoint raw = endPoint;
            if (raw == null) {
                Content.Chunk chunk = super.read();
                if (chunk == null || !chunk.isLast() || Content.Chunk.isFailure(chunk) || !switched()) {
                    return chunk;
                }
                endPoint = rawEndPoint();
                if (chunk.hasRemaining()) {
                    return Content.Chunk.asChunk(chunk.getByteBuffer(), false, chunk);
                }
                chunk.release();
                raw = endPoint;
            }
            // Borrowed per read from Jetty's pool, not held per connection: an idle upgraded connection
            // holds no buffer, and a read that finds nothing (every isReady() that ends a burst) costs
            // no allocation. The chunk gives the buffer back when the servlet input has consumed it.
            RetainableByteBuffer pooled = pool().acquire(READ_BYTES, true);
            ByteBuffer buffer = pooled.getByteBuffer();
            buffer.position(0).limit(0);   // empty, in Jetty's flush mode: fill() appends after the limit
            try {
                int filled = raw.fill(buffer);
                if (filled > 0) {
                    return Content.Chunk.from(pooled, false);
                }
                pooled.release();
                return filled < 0 ? Content.Chunk.EOF : null;
            } catch (IOException e) {
                pooled.release();
                return Content.Chunk.from(e, true);
            }
        }

        private ByteBufferPool pool() {
            ByteBufferPool p = bufferPool;
            if (p == null) {
                p = getComponents().getByteBufferPool();
                bufferPool = p;
            }
            return p;
        }

        @Override
        public void demand(Runnable demandCallback) {
            EndPoint raw = endPoint;
            if (raw == null) {
                super.demand(demandCallback);
            } else {
                raw.fillInterested(Callback.from(demandCallback, failure -> demandCallback.run()));
            }
        }
    }

    private static IOException asIOException(Throwable cause) {
        return cause instanceof IOException io ? io : new IOException(cause);
    }

    /**
     * A non-blocking servlet output stream over the end point: one write in flight at a time, {@code isReady()}
     * false until Jetty has finished with it, and {@code onWritePossible} when it has, if {@code isReady()} said
     * false meanwhile. Flushing has nothing to do (the end point keeps no buffer); closing is Jetty's stream's,
     * which ends the upgraded request. Its completion runs on a Jetty pool thread when the write did not finish
     * at once (the callback is blocking in Jetty's terms), as {@code onWritePossible} would.
     */
    static final class EndPointOutput extends ServletOutputStream implements Callback {

        private enum WriteState { IDLE, IN_FLIGHT, AWAITED }

        private final ServletOutputStream upgraded;
        private final EndPoint endPoint;
        private final AtomicReference<WriteState> state = new AtomicReference<>(WriteState.IDLE);
        private volatile WriteListener listener;
        private volatile IOException failure;

        EndPointOutput(ServletOutputStream upgraded, EndPoint endPoint) {
            this.upgraded = upgraded;
            this.endPoint = endPoint;
        }

        @Override
        public boolean isReady() {
            while (true) {
                WriteState s = state.get();
                if (s == WriteState.IDLE) {
                    return true;
                }
                if (s == WriteState.AWAITED || state.compareAndSet(WriteState.IN_FLIGHT, WriteState.AWAITED)) {
                    return false;
                }
            }
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
            // Jetty's stream gets it too: in non-blocking mode its close does not block, and its errors reach us.
            upgraded.setWriteListener(writeListener);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            IOException failed = failure;
            if (failed != null) {
                throw failed;
            }
            if (!state.compareAndSet(WriteState.IDLE, WriteState.IN_FLIGHT)) {
                throw new IllegalStateException("write while the previous write is in flight (isReady() was false)");
            }
            try {
                endPoint.write(this, ByteBuffer.wrap(bytes, offset, length));
            } catch (IllegalStateException e) {   // WritePendingException among them
                state.set(WriteState.IDLE);
                throw new IOException("the end point refused the write: " + e, e);
            }
        }

        @Override
        public void flush() {
            // Nothing is buffered here, and a write is on its way to the socket as soon as it is made.
        }

        @Override
        public void close() throws IOException {
            upgraded.close();
        }

        @Override
        public void succeeded() {
            if (state.getAndSet(WriteState.IDLE) == WriteState.AWAITED) {
                try {
                    listener.onWritePossible();
                } catch (IOException | RuntimeException e) {
                    listener.onError(e);
                }
            }
        }

        @Override
        public void failed(Throwable cause) {
            failure = asIOException(cause);
            state.set(WriteState.IDLE);
            listener.onError(cause);
        }
    }

    /**
     * A non-blocking servlet input stream over the tunnelled request's reads (Jetty's buffered bytes, then the
     * end point), without Jetty's servlet input: {@code isReady()} false asks for a callback when bytes arrive,
     * which calls the listener's {@code onDataAvailable} on the thread Jetty calls back on, the selector's
     * (the callback is non-blocking in Jetty's terms), saying so meanwhile ({@link #callingBack()}). One such
     * callback reads at most {@link #MAX_READS_PER_CALLBACK} times, as Bowline's own I/O thread does for each
     * readiness it sees: then {@code isReady()} is false and another callback follows, after the selector's
     * other connections have had their turn. At the end of input {@code isReady()} is true and {@code read}
     * returns -1; closing is Jetty's stream's.
     */
    static final class RequestInput extends ServletInputStream implements UpgradedStreams.IoThreadCallbacks {

        static final int MAX_READS_PER_CALLBACK = 16;

        private final ServletInputStream upgraded;
        private final Request source;
        private final AtomicBoolean demanding = new AtomicBoolean();
        /** Callbacks that arrived and are not yet run (see {@link #bytesArrived}). */
        private final AtomicInteger arrivals = new AtomicInteger();
        private final Runnable onBytes = Invocable.from(Invocable.InvocationType.NON_BLOCKING, this::bytesArrived);
        private volatile ReadListener listener;
        private volatile Thread callingBack;
        /** Reads made in the listener's current run (touched only by the thread running it). */
        private int readsThisCallback;
        /** The chunk being read, by one reader at a time (the servlet contract). */
        private Content.Chunk chunk;
        private boolean finished;
        private IOException failure;

        RequestInput(ServletInputStream upgraded, Request source) {
            this.upgraded = upgraded;
            this.source = source;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            listener = readListener;
            demand();   // the first onDataAvailable, as a container calls it once bytes are there
        }

        @Override
        public boolean isReady() {
            boolean onIoThread = callingBack();
            while (chunk == null || !chunk.hasRemaining()) {
                if (finished || failure != null) {
                    return true;   // read() says which
                }
                if (chunk != null) {
                    chunk.release();
                    chunk = null;
                }
                // Only with nothing held here: what Jetty calls back for must still be in Jetty or the socket.
                if (onIoThread && readsThisCallback == MAX_READS_PER_CALLBACK) {
                    demand();
                    return false;
                }
                Content.Chunk next = source.read();
                if (next == null) {
                    demand();
                    return false;
                }
                if (onIoThread) {
                    readsThisCallback++;
                }
                if (Content.Chunk.isFailure(next)) {
                    failure = asIOException(next.getFailure());
                } else if (next.isLast() && !next.hasRemaining()) {
                    finished = true;
                    next.release();
                } else {
                    chunk = next;   // an empty one is released on the next round
                }
            }
            return true;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (!isReady()) {
                throw new IllegalStateException("read while isReady() is false");
            }
            if (failure != null) {
                throw failure;
            }
            if (finished) {
                return -1;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = Math.min(length, buffer.remaining());
            buffer.get(bytes, offset, n);
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public int available() {
            Content.Chunk c = chunk;
            return c == null ? 0 : c.remaining();
        }

        @Override
        public void close() throws IOException {
            upgraded.close();
        }

        @Override
        public boolean callingBack() {
            return callingBack == Thread.currentThread();
        }

        private void demand() {
            if (demanding.compareAndSet(false, true)) {
                source.demand(onBytes);
            }
        }

        private void bytesArrived() {
            demanding.set(false);
            // One callback at a time, as a container makes them: Jetty may run the next on another thread (a
            // new selector thread taking over) while this one is still returning, or at once from a demand made
            // inside it. Such a call only makes the running one go round again.
            if (arrivals.getAndIncrement() != 0) {
                return;
            }
            int seen;
            do {
                seen = arrivals.get();
                callingBack = Thread.currentThread();
                readsThisCallback = 0;
                try {
                    listener.onDataAvailable();
                } catch (IOException | RuntimeException e) {
                    listener.onError(e);
                } finally {
                    callingBack = null;   // before the count: the next runner may start right after it
                }
            } while (arrivals.addAndGet(-seen) != 0);
        }
    }
}
