package org.bowline.servlet.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;

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
}
