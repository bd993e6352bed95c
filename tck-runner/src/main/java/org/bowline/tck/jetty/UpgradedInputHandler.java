package org.bowline.tck.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.TunnelSupport;
import org.eclipse.jetty.util.Callback;

/**
 * Works around Jetty 12.1's servlet upgrade of a request without a body: the HTTP/1.1 stream has
 * already recorded the request's end-of-content when {@code HttpServletRequest.upgrade} switches the
 * connection to a tunnel, and the upgraded {@code ServletInputStream} then returns that end-of-content
 * forever, so the {@code HttpUpgradeHandler} never sees a byte the client sends after the 101.
 *
 * <p>For upgrade requests only, this wrapper hands the servlet layer a request whose content, once
 * the 101 is committed, is read straight from the connection's end point (Jetty's own tunnelling
 * contract, {@link TunnelSupport#getEndPoint()}), with demand mapped to fill interest. Every other
 * request, and an upgrade request until its 101, is left as it is. Remove it when Jetty's upgraded
 * input delivers the tunnelled bytes itself.
 */
final class UpgradedInputHandler extends Handler.Wrapper {

    private static final int READ_BUFFER_BYTES = 16 * 1024;

    UpgradedInputHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (isUpgrade(request)) {
            return super.handle(new TunnelledInput(request, response), response, callback);
        }
        return super.handle(request, response, callback);
    }

    private static boolean isUpgrade(Request request) {
        return HttpMethod.GET.is(request.getMethod())
                && request.getHeaders().contains(HttpHeader.UPGRADE)
                && request.getHeaders().contains(HttpHeader.CONNECTION, "upgrade");
    }

    /** The request as the servlet layer reads it: the connection's raw input once the 101 is out. */
    private static final class TunnelledInput extends Request.Wrapper {

        private final Response response;
        private EndPoint endPoint;
        /** A buffer a fill left empty, kept for the next read; a filled one leaves with its chunk. */
        private ByteBuffer spare;

        TunnelledInput(Request request, Response response) {
            super(request);
            this.response = response;
        }

        private boolean tunnelled() {
            return response.getStatus() == HttpStatus.SWITCHING_PROTOCOLS_101 && response.isCommitted();
        }

        private synchronized EndPoint endPoint() {
            if (endPoint == null) {
                TunnelSupport tunnel = getWrapped().getTunnelSupport();
                endPoint = tunnel != null ? tunnel.getEndPoint()
                        : getWrapped().getConnectionMetaData().getConnection().getEndPoint();
            }
            return endPoint;
        }

        @Override
        public Content.Chunk read() {
            if (!tunnelled()) {
                return super.read();
            }
            ByteBuffer buffer = spare != null ? spare : ByteBuffer.allocate(READ_BUFFER_BYTES).flip();
            spare = null;
            try {
                int filled = endPoint().fill(buffer);
                if (filled < 0) {
                    return Content.Chunk.EOF;
                }
                if (filled == 0) {
                    spare = buffer;
                    return null;
                }
                return Content.Chunk.from(buffer, false);
            } catch (IOException e) {
                return Content.Chunk.from(e, true);
            }
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (!tunnelled()) {
                super.demand(demandCallback);
                return;
            }
            // A failed fill interest (idle timeout, close) is reported by the next read().
            endPoint().fillInterested(Callback.from(demandCallback, failure -> demandCallback.run()));
        }
    }
}
